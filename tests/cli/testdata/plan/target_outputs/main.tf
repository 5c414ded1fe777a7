resource "terraform_data" "a" {
  input = "a"
}
resource "terraform_data" "b" {
  input = "b"
}
output "oa" {
  value = terraform_data.a.output
}
output "ob" {
  value = terraform_data.b.output
}
output "both" {
  value = [terraform_data.a.output, terraform_data.b.output]
}
output "const" {
  value = "c"
}
locals {
  la = terraform_data.a.output
}
output "ol" {
  value = local.la
}
variable "v" {
  default = "x"
}
output "ov" {
  value = var.v
}
output "oav" {
  value = "${terraform_data.a.output}${var.v}"
}
