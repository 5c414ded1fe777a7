variable "secret" {
  default   = "s3cr3t"
  sensitive = true
}
output "leak" {
  value = "prefix-${var.secret}"
}
output "nested" {
  value = { a = [var.secret] }
}
output "ok" {
  value     = var.secret
  sensitive = true
}
output "stripped" {
  value = nonsensitive(var.secret)
}
