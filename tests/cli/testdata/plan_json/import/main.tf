import {
  to = terraform_data.i
  id = "imported-id"
}

import {
  to = terraform_data.u
  id = "id-u"
}

resource "terraform_data" "i" {
}

resource "terraform_data" "u" {
  input = "hello"
}

resource "terraform_data" "other" {
}
