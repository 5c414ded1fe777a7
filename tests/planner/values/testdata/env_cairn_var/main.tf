variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
output "o" { value = [var.a, var.b, var.c] }
