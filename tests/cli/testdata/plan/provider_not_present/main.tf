provider "terraform" {
  alias = "foo"
}
resource "terraform_data" "a" {
  provider = terraform.foo
  input    = "a"
}
resource "terraform_data" "b" {
  provider = terraform.bar
  input    = "b"
}
