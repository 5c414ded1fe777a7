import {
  to = terraform_data.i
  id = "imported-id"
}

resource "terraform_data" "i" {
}
