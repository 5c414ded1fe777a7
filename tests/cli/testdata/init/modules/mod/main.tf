module "inner" {
  source = "../inner/"
}

resource "terraform_data" "b" {}
