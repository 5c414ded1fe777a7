resource "terraform_data" "a" {
  input = "x"
}
output "old" {
  value = "o"
}
output "list" {
  value = [1, 2, 3]
}
