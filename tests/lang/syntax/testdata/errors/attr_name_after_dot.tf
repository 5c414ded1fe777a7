locals {
  a = var.1x
}
