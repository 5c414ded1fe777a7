resource "terraform_data" "b" {
  input = "same"
}
resource "terraform_data" "d" {
  input = "old"
}
