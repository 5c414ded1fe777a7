variable "absent" {
  default = 1
}

locals {
  absent = 1
}

output "absent" {
  value = 1
}

resource "terraform_data" "absent" {}

data "terraform_remote_state" "absent" {
  backend = "local"
}

module "absent" {
  source = "./m"
}

provider "terraform" {
  alias = "absent"
}

provider "terraform" {}

moved {
  from = terraform_data.a
  to   = terraform_data.b
}

import {
  to = terraform_data.a
  id = "x"
}
