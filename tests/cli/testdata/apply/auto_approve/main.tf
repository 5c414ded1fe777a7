variable "x" {
  type    = string
  default = "a"
}

output "greet" {
  value = "hello ${var.x}"
}

output "n" {
  value = 42
}

output "secret" {
  value     = "s-${var.x}"
  sensitive = true
}

output "nothing" {
  value = null
}
