resource "terraform_data" "a" {
  input = toset(["a", "c", "d"])
}
resource "terraform_data" "b" {
  input = [3, 1, 2]
}
