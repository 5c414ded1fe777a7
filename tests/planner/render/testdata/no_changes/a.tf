resource "terraform_data" "a" {
  input = "x"
}
resource "terraform_data" "same" {
  input = "s"
}
output "o" {
  value = terraform_data.a.output
}
