resource "terraform_data" "a" {
  input = "other.tfstate"
}
data "terraform_remote_state" "r" {
  backend = "local"
  config = {
    path = terraform_data.a.output
  }
}
