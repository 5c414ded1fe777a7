variable "label" {
  type = string
}

resource "terraform_data" "inner" {
  input = var.label
}
