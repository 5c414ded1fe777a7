# A data source, read offline from a local state file (record.sh writes it first).
data "terraform_remote_state" "other" {
  backend = "local"
  config = {
    path = "${path.module}/other.tfstate"
  }
}

resource "terraform_data" "uses" {
  input = data.terraform_remote_state.other.outputs.greeting
}
