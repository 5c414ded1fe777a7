variable "needed" {
  type = string
}
variable "optional" {
  default = null
}
output "o" { value = var.optional }
