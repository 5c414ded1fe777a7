module "m" {
  source = "./mod"
  count  = 2
  n      = count.index
}
