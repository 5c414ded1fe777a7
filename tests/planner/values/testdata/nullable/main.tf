variable "with_default" {
  type     = string
  nullable = false
  default  = "fallback"
}
variable "nullable_default" {
  type    = string
  default = "d"
}
output "o" { value = [var.with_default, var.nullable_default] }
