locals {
  a = var.x.*.*.y
}
