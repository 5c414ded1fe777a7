terraform {
  required_version = ">= 1.0"
  required_providers {
    null = { source = "hashicorp/null" }
  }
  backend "local" {}
}

provider "terraform" {
  alias = "a"
}

data "terraform_remote_state" "s" {
  backend = "local"
}
