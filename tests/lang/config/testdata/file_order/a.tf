variable "v" {
  default = "a"
}

output "o" {
  value = 1
}
