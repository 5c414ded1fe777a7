variable "a" {}
variable "a" {}

locals {
  l = 1
}
locals {
  l = 2
}

output "o" {
  value = 1
}
output "o" {
  value = 2
}

module "m" {
  source = "./m"
}
module "m" {
  source = "./m"
}

resource "terraform_data" "r" {}
resource "terraform_data" "r" {}

data "terraform_remote_state" "d" {
  backend = "local"
}
data "terraform_remote_state" "d" {
  backend = "local"
}

provider "terraform" {}
provider "terraform" {}

check "c" {
  assert {
    condition     = terraform_data.r.id != ""
    error_message = "x"
  }
}
check "c" {
  assert {
    condition     = terraform_data.r.id != ""
    error_message = "x"
  }
}

ephemeral "x" "e" {}
ephemeral "x" "e" {}
