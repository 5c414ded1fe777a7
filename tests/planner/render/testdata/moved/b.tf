resource "terraform_data" "c" {
  input = "same"
}
moved {
  from = terraform_data.b
  to   = terraform_data.c
}
resource "terraform_data" "e" {
  input = "new"
}
moved {
  from = terraform_data.d
  to   = terraform_data.e
}
