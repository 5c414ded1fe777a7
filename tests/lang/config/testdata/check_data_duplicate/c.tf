data "terraform_remote_state" "t" {
  backend = "local"
}
