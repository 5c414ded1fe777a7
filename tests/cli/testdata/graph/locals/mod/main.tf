variable "in" {}
locals {
  v = var.in
}
resource "terraform_data" "x" {
  input = local.v
}
output "out" {
  value = terraform_data.x.id
}
