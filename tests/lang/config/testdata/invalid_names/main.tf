variable "1a" {}

output "a b" {
  value = 1
}

resource "terraform_data" "1x" {}

resource "terraform-data" "dashes-are-fine" {}

data "x y" "z" {}

data "x" "z z" {}

module "9m" {
  source = "./m"
}

check "1c" {
  assert {
    condition     = terraform_data.ok != null
    error_message = "x"
  }
}

ephemeral "1e" "2e" {}

resource "terraform_data" "ok" {}
