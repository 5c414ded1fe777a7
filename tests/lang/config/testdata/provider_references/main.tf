resource "terraform_data" "a" {
  provider = Terraform
}

provider "Terraform" {}

provider "terraform" {
  alias = "x"
}

resource "terraform_data" "b" {
  provider = terraform.y
}

module "m" {
  source = "./m"
  providers = {
    terraform = terraform.x
    terraform = terraform.x
    "q"       = r
  }
}
