variable "shared" {
  default = "b"
}

resource "terraform_data" "r" {
  input = 2
}

locals {
  x = 2
}

terraform {
  required_providers {}
  backend "local" {}
}
