module "new" {
  source = "./mod_a"
  v      = "old"
}

moved {
  from = module.old
  to   = module.new
}

module "counted" {
  source = "./mod_b"
  count  = 2
  v      = "c${count.index}"
}

module "single" {
  source = "./mod_b"
  v      = "s"
}

moved {
  from = terraform_data.x
  to   = module.single.terraform_data.x
}

resource "terraform_data" "out" {
  input = "o"
}

moved {
  from = module.outer.terraform_data.r
  to   = terraform_data.out
}

module "grow" {
  source = "./mod_a"
  count  = 1
  v      = "g"
}

moved {
  from = module.grow
  to   = module.grow[0]
}
