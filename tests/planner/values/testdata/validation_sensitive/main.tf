variable "password" {
  type      = string
  sensitive = true
  default   = "short"
  validation {
    condition     = length(var.password) >= 8
    error_message = "Password ${var.password} is too short."
  }
}
output "o" {
  value     = var.password
  sensitive = true
}
