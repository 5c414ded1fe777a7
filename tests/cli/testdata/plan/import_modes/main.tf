import {
  to = terraform_data.i
  id = "imported-id"
}

resource "terraform_data" "i" {
  input = "in"
}

resource "terraform_data" "other" {
  input = "other"
}
