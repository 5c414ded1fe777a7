variable "secret" {
  type      = number
  sensitive = true
}
output "o" {
  value     = var.secret
  sensitive = true
}
