variable "v" {}

resource "terraform_data" "r" {
  input = var.v
}
