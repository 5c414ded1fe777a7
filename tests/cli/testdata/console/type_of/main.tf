variable "name" {
  default = "world"
}
variable "secret" {
  default   = "pw"
  sensitive = true
}
locals {
  greeting = "hello ${var.name}"
  nums     = [1, 2, 3]
}
