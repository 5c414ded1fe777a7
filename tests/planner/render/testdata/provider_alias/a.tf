resource "terraform_data" "a" {
  input = "a"
}

module "m" {
  source = "./mod"
  v      = "m"
}
