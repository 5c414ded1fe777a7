variable "label" {
  default = "first"
}

resource "terraform_data" "a" {
  input = "x"
}

output "o" {
  value = var.label
}
