foo = 1

variable = 2

resource "terraform_data" "ok" {}
