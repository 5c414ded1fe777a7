variable "s" {
  default = "a"
}
variable "l" {
  default = ["x", "y"]
}
locals {
  a = var.s + 1
  b = var.l[5]
  c = upper(var.l)
}
output "o" {
  value = local.a
}
output "p" {
  value = var.l[0] + var.s
}
output "q" {
  value = merge(var.l, { a = 1 })
}
