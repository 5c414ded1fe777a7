module "b" {
  source = "./child"
}

module "a" {
  source = "./child"
}

module "c" {
  source = "./other"
}
