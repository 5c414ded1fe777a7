# The configuration the state_* golden cases apply (see make_state in each case) to get a
# state with counts, for_each, nested modules and a data source.
resource "terraform_data" "a" {
  input = "a"
}

resource "terraform_data" "b" {
  input = terraform_data.a.output
}

resource "terraform_data" "c" {
  count = 3
  input = count.index
}

resource "terraform_data" "c10" {
  count = 11
}

resource "terraform_data" "e" {
  for_each = toset(["x", "y", "q\"t"])
  input    = each.key
}

data "terraform_remote_state" "r" {
  backend = "local"
  config = {
    path = "${path.module}/remote.tfstate"
  }
}

module "m" {
  source = "./mod"
}

module "n" {
  source = "./mod"
  count  = 2
}

module "aa" {
  source   = "./mod"
  for_each = toset(["k", "j"])
}
