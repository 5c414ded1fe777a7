variable "v" {
  default = "a"
}

resource "terraform_data" "r" {
  input = var.v
}
