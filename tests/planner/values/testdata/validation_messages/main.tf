variable "secret" {
  default   = "pw"
  sensitive = true
}
variable "nullmsg" {
  type    = string
  default = null
}
variable "a" {
  default = "x"
  validation {
    condition     = var.a == "y"
    error_message = "a is wrong (${var.secret})"
  }
}
variable "b" {
  default = "x"
  validation {
    condition     = var.b == "y"
    error_message = var.nullmsg
  }
}
variable "c" {
  default = "x"
  validation {
    condition     = var.c == "x"
    error_message = "never shown ${var.secret}"
  }
}
output "o" { value = [var.a, var.b] }
