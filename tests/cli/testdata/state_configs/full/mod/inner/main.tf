resource "terraform_data" "i" {
  input = "i"
}
