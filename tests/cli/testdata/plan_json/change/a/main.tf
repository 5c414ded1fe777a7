resource "terraform_data" "upd" {
  input = "old"
}

resource "terraform_data" "rep" {
  triggers_replace = ["one"]
}

resource "terraform_data" "del" {
}

resource "terraform_data" "old" {
  input = "moved"
}

resource "terraform_data" "same" {
  input = "same"
}

output "o" {
  value = "before"
}

output "gone" {
  value = 1
}
