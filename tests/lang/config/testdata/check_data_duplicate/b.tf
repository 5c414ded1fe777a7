check "c" {
  data "terraform_remote_state" "s" {
    backend = "local"
  }
  assert {
    condition     = data.terraform_remote_state.s.outputs != null
    error_message = "x"
  }
}

check "d" {
  data "terraform_remote_state" "t" {
    backend = "local"
  }
  assert {
    condition     = data.terraform_remote_state.t.outputs != null
    error_message = "x"
  }
}
