variable "a" {
  default = "x"
  validation {
    condition     = var.a == "x" ? null : true
    error_message = "a"
  }
}
variable "b" {
  default = "x"
  validation {
    condition     = "notbool${var.b}"
    error_message = "b"
  }
}
variable "c" {
  default = "x"
  validation {
    condition     = var.c == "y"
    error_message = ["not", "a", "string", var.c]
  }
}
output "o" { value = var.a }
