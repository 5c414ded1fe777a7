variable "s" {
  type      = string
  default   = "x"
  sensitive = true
}
output "o" {
  value = var.s
}
