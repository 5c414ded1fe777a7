variable "v" {
  type    = string
  default = 1 +
}

output "o" {
  value = 1 +
}

resource "terraform_data" "a" {
  lifecycle {
    create_before_destroy =
  }
}
