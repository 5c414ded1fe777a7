variable "n" {
  type = number
}
variable "l" {
  type = list(number)
}
output "n" { value = var.n }
