terraform {
  required_version = ">= 1.1"
  required_providers {
    null = { source = "hashicorp/null", version = ">= 3.0" }
  }
  backend "local" {}
  backend "local" {}
}

provider "terraform" {
  alias = "a"
}

data "terraform_remote_state" "s" {
  backend = "local"
  depends_on = [provider.terraform]
}

removed {
  from = terraform_data.gone
}
