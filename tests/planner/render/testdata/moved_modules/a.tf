resource "terraform_data" "x" {
  input = "x"
}

module "old" {
  source = "./mod_a"
  v      = "old"
}

module "counted" {
  source = "./mod_a"
  count  = 2
  v      = "c${count.index}"
}

module "single" {
  source = "./mod_a"
  v      = "s"
}

module "outer" {
  source = "./mod_a"
  v      = "o"
}

module "grow" {
  source = "./mod_a"
  v      = "g"
}
