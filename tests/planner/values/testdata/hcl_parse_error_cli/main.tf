variable "l" {
  type = list(string)
}
variable "m" {
  type = map(string)
  default = {}
}
output "l" { value = var.l }
