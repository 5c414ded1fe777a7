variable "v" {
  type = number
}

output "o" {
  value = var.v
}
