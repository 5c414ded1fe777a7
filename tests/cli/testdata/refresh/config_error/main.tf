resource "terraform_data" "a" {
  input = nope.x
}
