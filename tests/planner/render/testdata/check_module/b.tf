module "m" {
  source = "./mod"
  count  = 3
  n      = count.index
}
