resource "terraform_data" "a" {
  input = "one\ntwo\nthree\nfour\n"
}
resource "terraform_data" "b" {
  input = "single"
}
resource "terraform_data" "c" {
  input = "x\ny"
}
resource "terraform_data" "d" {
  input = "one\ntwo\nthree"
}
