variable "a" { default = "default" }
variable "b" { type = list(number) }
output "o" { value = [var.a, var.b] }
