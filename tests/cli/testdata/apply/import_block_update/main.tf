import {
  to = terraform_data.u
  id = "id-u"
}

resource "terraform_data" "u" {
  input = "value u"
}
