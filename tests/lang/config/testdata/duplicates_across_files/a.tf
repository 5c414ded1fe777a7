variable "shared" {
  default = "a"
}

resource "terraform_data" "r" {}

locals {
  x = 1
}

terraform {
  required_providers {}
  backend "local" {}
}
