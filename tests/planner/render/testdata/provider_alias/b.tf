provider "terraform" {
  alias = "foo"
}

resource "terraform_data" "a" {
  provider = terraform.foo
  input    = "changed"
}

resource "terraform_data" "b" {
  provider = terraform.foo
  input    = terraform_data.a.output
}

module "m" {
  source = "./mod"
  v      = "m"
  providers = {
    terraform = terraform.foo
  }
}

module "n" {
  source = "./mod"
  v      = "n"
}
