variable "x" {
  default = "a"
  validation {
    condition     = var.x == local.a
    error_message = "bad"
  }
}
locals {
  a = var.x
}
output "o" { value = local.a }
