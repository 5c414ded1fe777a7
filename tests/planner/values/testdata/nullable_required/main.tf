variable "x" {
  type     = string
  nullable = false
}
variable "y" {
  type     = string
  nullable = false
}
output "o" { value = var.x }
