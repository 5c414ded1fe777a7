variable "name" {
  type    = string
  default = "a"
}

output "greeting" {
  value = "hello ${var.nmae}"
}
