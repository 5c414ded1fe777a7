variable "n" {
  type = number
}
variable "l" {
  type = list(number)
}
variable "secret" {
  type      = number
  sensitive = true
}
variable "obj" {
  type = object({ a = string, b = number })
}
output "n" { value = var.n }
