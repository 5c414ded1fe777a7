resource "terraform_data" "a" {
  input = "y"
}

resource "terraform_data" "b" {
  input = 1
}

check "pending" {
  assert {
    condition     = terraform_data.a.output == "y"
    error_message = "output is not y"
  }
}

check "failing" {
  assert {
    condition     = terraform_data.b.output > 5
    error_message = "  b is ${terraform_data.b.output}, not above 5  "
  }
  assert {
    condition     = terraform_data.b.input == 1
    error_message = "never shown"
  }
}

check "passing" {
  assert {
    condition     = terraform_data.b.output == 1
    error_message = "b is not 1"
  }
}
