variable "a" { default = 1 }
variable "b" { default = 1 }
output "o" { value = [var.a, var.b] }
