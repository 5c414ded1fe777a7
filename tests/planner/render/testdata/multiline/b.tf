resource "terraform_data" "a" {
  input = "one\n2\nthree\nfour\nfive\n"
}
resource "terraform_data" "b" {
  input = "now\nmulti"
}
resource "terraform_data" "c" {
  input = "single again"
}
resource "terraform_data" "d" {
  input = "one\n2\nthree"
}
