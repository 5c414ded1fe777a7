resource "terraform_data" "a" {
  input = "x"
}
resource "terraform_data" "b" {
}
resource "terraform_data" "c" {
  input = { a = [1, 2], b = "s" }
}
