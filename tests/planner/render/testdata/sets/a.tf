resource "terraform_data" "a" {
  input = toset(["a", "b", "c"])
}
resource "terraform_data" "b" {
  input = [1, 2, 3]
}
