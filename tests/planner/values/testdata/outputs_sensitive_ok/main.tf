variable "secret" {
  default   = "s3cr3t"
  sensitive = true
}
output "ok" {
  value       = var.secret
  sensitive   = true
  description = "a secret"
}
output "stripped" {
  value = nonsensitive(var.secret)
}
output "list" {
  value     = [var.secret, "x"]
  sensitive = true
}
