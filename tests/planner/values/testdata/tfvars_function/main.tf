variable "a" { default = "x" }
variable "b" {}
output "a" { value = var.a }
