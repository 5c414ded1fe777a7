variable "in" {}
module "m" {
  source = "../mod"
  in     = var.in
}
resource "terraform_data" "n" {
  input = module.m.out
}
output "n" {
  value = terraform_data.n.output
}
output "second" {
  value = var.in
}
