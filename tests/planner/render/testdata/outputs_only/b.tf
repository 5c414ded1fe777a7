resource "terraform_data" "a" {
  input = "x"
}
output "new" {
  value = { a = 1, b = "two" }
}
output "list" {
  value = [1, 3, 4]
}
output "from_resource" {
  value = terraform_data.a.output
}
