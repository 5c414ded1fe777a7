locals {
  names = toset(["a", "b"])
}

import {
  for_each = local.names
  to       = terraform_data.d[each.key]
  id       = "id-${each.key}"
}

resource "terraform_data" "d" {
  for_each = local.names
  input    = "value ${each.key}"
}
