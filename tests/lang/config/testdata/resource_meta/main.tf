resource "terraform_data" "a" {
  count    = 1
  for_each = {}
}

module "m" {
  source   = "./m"
  count    = 1
  for_each = {}
}

resource "terraform_data" "b" {
  lifecycle {}
  lifecycle {}
}

resource "terraform_data" "c" {
  lifecycle {
    foo = 1
  }
}

data "terraform_remote_state" "d" {
  backend = "local"
  lifecycle {
    prevent_destroy = true
  }
}

resource "terraform_data" "e" {
  locals {}
}

resource "terraform_data" "f" {
  connection {}
  connection {}
}

module "n" {
  source = "./m"
  lifecycle {}
}

output "o" {
  value = 1
  postcondition {
    condition     = terraform_data.b.id != null
    error_message = "x"
  }
}

resource "terraform_data" "g" {
  lifecycle {
    ignore_changes        = ["*"]
    create_before_destroy = "yes"
  }
}

resource "terraform_data" "h" {
  depends_on = [terraform_data.a.id + 1]
}

resource "terraform_data" "i" {
  depends_on = terraform_data.a
}

data "terraform_remote_state" "j" {
  backend = "local"
  count    = 1
  for_each = {}
}

resource "terraform_data" "k" {
  _ {
    input = 1
  }
  _ {
    input = 2
  }
}

resource "terraform_data" "l" {
  provider = terraform.a.b
}
