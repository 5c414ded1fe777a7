module "m" {
  source = "./mod"
  count  = 2
}

locals {
  ids = {
    first  = "id-first"
    second = "id-second"
  }
}

import {
  to = module.m[1].terraform_data.x
  id = "module-one"
}

import {
  for_each = local.ids
  to       = module.m[0].terraform_data.each[each.key]
  id       = each.value
}
