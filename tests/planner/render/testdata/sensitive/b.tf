variable "secret" {
  default   = "s2"
  sensitive = true
}
resource "terraform_data" "a" {
  input = var.secret
}
resource "terraform_data" "b" {
  input = var.secret
}
resource "terraform_data" "c" {
  input = { user = "u", pass = var.secret }
}
resource "terraform_data" "new" {
  input = { user = "u", pass = var.secret }
}
output "s" {
  value     = var.secret
  sensitive = true
}
