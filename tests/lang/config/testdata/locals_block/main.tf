locals {
  a = 1
  foo {}
}

locals {
  b = local.a
}
