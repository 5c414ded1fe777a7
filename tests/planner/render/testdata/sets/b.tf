resource "terraform_data" "a" {
  input = toset(["a", "c", "d"])
}
