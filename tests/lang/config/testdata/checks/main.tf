check "none" {
}

check "two_data" {
  data "terraform_remote_state" "a" {
    backend = "local"
  }
  data "terraform_remote_state" "b" {
    backend = "local"
  }
  assert {
    condition     = data.terraform_remote_state.a.outputs != null
    error_message = "x"
  }
}

check "bad" {
  foo = 1
  assert {
    condition = true
  }
}
