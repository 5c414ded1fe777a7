resource "terraform_data" "b" {
  input = "b"
}

module "inner" {
  source = "./inner"
}
