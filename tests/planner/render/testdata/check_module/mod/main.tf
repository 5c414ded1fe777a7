variable "n" {}

resource "terraform_data" "r" {
  input = var.n
}

check "positive" {
  assert {
    condition     = terraform_data.r.output > 0
    error_message = "r is ${terraform_data.r.output}"
  }
}
