variable "e" {
  type      = string
  default   = "x"
  ephemeral = true
}
variable "plain" {
  default = "y"
}
locals {
  l = "${var.e}-y"
}
output "o" {
  value = local.l
}
output "p" {
  value     = var.e
  ephemeral = true
}
output "q" {
  value = var.plain
}
