variable "n" {
  type = number
}
variable "o" {
  type = object({ a = list(number) })
}
output "n" { value = var.n }
