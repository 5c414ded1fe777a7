provider "terraform" {
  alias      = "x"
  count      = 1
  depends_on = []
  lifecycle {}
}

provider "terraform" {
  alias = "x"
}

provider "terraform" {
  alias = "1bad"
}

provider "terraform" {
  alias = var.nope
}
