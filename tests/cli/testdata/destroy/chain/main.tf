resource "terraform_data" "a" {
  input = "x"
}
resource "terraform_data" "b" {
  input = terraform_data.a.id
}
resource "terraform_data" "c" {
  input = terraform_data.b.id
}
resource "terraform_data" "lone" {
  input = "y"
  lifecycle {
    prevent_destroy = false
  }
}
