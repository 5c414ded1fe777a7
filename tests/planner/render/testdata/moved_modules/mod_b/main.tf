variable "v" {
  default = "a"
}

resource "terraform_data" "renamed" {
  input = var.v
}

resource "terraform_data" "x" {
  input = "x"
}

moved {
  from = terraform_data.r
  to   = terraform_data.renamed
}
