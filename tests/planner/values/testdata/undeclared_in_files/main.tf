variable "known" { default = 1 }
output "known" { value = var.known }
