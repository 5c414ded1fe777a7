locals {
  a = var.x.0.1.y
}
