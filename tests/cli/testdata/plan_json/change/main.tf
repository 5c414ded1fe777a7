resource "terraform_data" "upd" {
  input = "new"
}

resource "terraform_data" "rep" {
  triggers_replace = ["two"]
}

moved {
  from = terraform_data.old
  to   = terraform_data.new
}

resource "terraform_data" "new" {
  input = "moved"
}

resource "terraform_data" "same" {
  input = "same"
}

resource "terraform_data" "add" {
  input = terraform_data.upd.output
}

output "o" {
  value = "after"
}
