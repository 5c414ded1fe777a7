variable "v" {
  default = "d"
}

output "o" {
  value = var.v
}
