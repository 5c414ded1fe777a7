module "m" {
  source = "./mod"
}

module "n" {
  source = "./inner"
  count  = 2
}
