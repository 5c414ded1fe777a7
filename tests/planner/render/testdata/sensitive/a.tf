variable "secret" {
  default   = "s1"
  sensitive = true
}
resource "terraform_data" "a" {
  input = var.secret
}
resource "terraform_data" "b" {
  input = "plain"
}
resource "terraform_data" "c" {
  input = { user = "u", pass = "p1" }
}
