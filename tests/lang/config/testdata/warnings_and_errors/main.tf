provider "terraform" {
  version = "1.0"
}

resource "terraform_data" "a" {
  provider = "terraform"
}

resource "terraform_data" "b" {
  depends_on = ["terraform_data.a"]
}

output "o" {}
