resource "terraform_data" "a" {}
resource "terraform_data" "b" {}
resource "terraform_data" "c" {
  count = 2
}
module "m" {
  source = "./m"
}
moved {
  from = terraform_data.x
  to   = terraform_data.a
}
moved {
  from = terraform_data.x
  to   = terraform_data.b
}
moved {
  from = terraform_data.y
  to   = terraform_data.b
}
moved {
  from = terraform_data.a
  to   = terraform_data.a
}
moved {
  from = terraform_data.c[0]
  to   = terraform_data.b
}
moved {
  from = module.m
  to   = module.n
}
