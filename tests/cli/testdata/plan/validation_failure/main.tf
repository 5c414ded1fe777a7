variable "x" {
  type    = string
  default = "a"

  validation {
    condition     = var.x != "bad"
    error_message = "x must not be bad."
  }
}

output "x" {
  value = var.x
}
