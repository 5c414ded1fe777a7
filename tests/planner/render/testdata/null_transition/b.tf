resource "terraform_data" "a" {
}
resource "terraform_data" "b" {
  input = "now set"
}
resource "terraform_data" "c" {
}
