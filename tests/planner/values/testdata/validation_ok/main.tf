variable "port" {
  type    = number
  default = 8080
  validation {
    condition     = var.port > 0
    error_message = "The port must be positive."
  }
}
locals {
  limit = 100
}
variable "count_of" {
  type    = number
  default = 5
  validation {
    condition     = var.count_of < local.limit
    error_message = "Too many."
  }
}
output "port" { value = [var.port, var.count_of] }
