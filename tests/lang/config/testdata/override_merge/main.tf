variable "env" {
  type    = string
  default = "staging"
}

locals {
  name = "web-${var.env}"
}

resource "terraform_data" "app" {
  input = local.name
  lifecycle {
    create_before_destroy = false
  }
}

module "child" {
  source = "./child"
  x      = 1
}

output "name" {
  value = local.name
}
