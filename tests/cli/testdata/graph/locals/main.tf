variable "n" {
  default = 2
}

locals {
  names = ["x", "y"]
  first = local.names[0]
}

resource "terraform_data" "a" {
  count = var.n
  input = local.first
}

resource "terraform_data" "b" {
  for_each = toset(local.names)
  input    = terraform_data.a[0].id
}

resource "terraform_data" "c" {
  depends_on = [terraform_data.b]
  input      = terraform_data.a[1].id
}

module "m" {
  source = "./mod"
  count  = 2
  in     = terraform_data.c.id
}

output "o" {
  value = module.m[0].out
}

data "terraform_remote_state" "d" {
  backend = "local"
  config = {
    path = "${path.module}/${local.first}.tfstate"
  }
}

resource "terraform_data" "uses_data" {
  input = data.terraform_remote_state.d.outputs
}

module "nested" {
  source   = "./nest"
  for_each = toset(["p"])
  in       = each.key
}

module "after" {
  source     = "./nest"
  in         = "z"
  depends_on = [terraform_data.uses_data]
}

locals {
  unused = 1
}

output "nested" {
  value = module.nested
}
