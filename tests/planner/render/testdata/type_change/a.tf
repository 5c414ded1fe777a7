resource "terraform_data" "a" {
  input = "5"
}
resource "terraform_data" "b" {
  input = ["x"]
}
resource "terraform_data" "c" {
  input = { k = "v" }
}
