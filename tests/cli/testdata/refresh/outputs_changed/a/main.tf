resource "terraform_data" "a" {
  input = "x"
}

resource "terraform_data" "b" {
  count = 2
  input = count.index
}

output "o" {
  value = terraform_data.a.output
}

output "gone" {
  value = "bye"
}
