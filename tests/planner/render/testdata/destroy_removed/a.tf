resource "terraform_data" "a" {
  input = { k = "v", n = [1, 2] }
}
resource "terraform_data" "b" {
}
