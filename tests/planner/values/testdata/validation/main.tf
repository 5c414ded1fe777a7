variable "port" {
  type = number
  validation {
    condition     = var.port > 0 && var.port < 65536
    error_message = "The port must be between 1 and 65535, got ${var.port}."
  }
}
variable "name" {
  type    = string
  default = "ok"
  validation {
    condition     = length(var.name) > 0
    error_message = "Name must not be empty."
  }
}
variable "max" {
  type    = number
  default = 10
}
variable "min" {
  type    = number
  default = 20
  validation {
    condition     = var.min <= var.max
    error_message = "  min (${var.min}) must not exceed max (${var.max}).  "
  }
}
output "port" { value = var.port }
