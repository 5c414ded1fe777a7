variable "port" {
  type = number
  validation {
    condition     = var.port > 0
    error_message = "The port must be positive."
  }
  validation {
    condition     = var.port != 13
    error_message = "Unlucky."
  }
}
output "port" { value = var.port }
