variable "l" {
  type = list
}
variable "m" {
  type = map
}
output "o" { value = [var.l, var.m] }
