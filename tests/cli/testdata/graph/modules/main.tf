resource "terraform_data" "a" {
  input = "a"
}

resource "terraform_data" "b" {
  count = 2
  input = terraform_data.a.output
}

data "terraform_remote_state" "r" {
  backend = "local"
  config = {
    path = "x.tfstate"
  }
  depends_on = [terraform_data.b]
}

module "m" {
  source = "./mod"
  in     = terraform_data.a.id
}

resource "terraform_data" "c" {
  input = module.m.out
}

output "o" {
  value = terraform_data.c.id
}
