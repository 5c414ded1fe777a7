import {
  to = data.terraform_remote_state.s
  id = "x"
}
import {
  to = terraform_data.a.b.c
  id = "x"
}
import {
  to = "terraform_data.a"
  id = "x"
}
import {
  to = terraform_data
  id = "x"
}
import {
  to = module.m.terraform_data.a
  id = "x"
}
import {
  to = terraform_data.a[var.i]
  id = "x"
}
import {
  to = terraform_data.ok
  id = 5
}
import {
  to       = terraform_data.ok2
  id       = "x"
  for_each = 1
}
resource "terraform_data" "ok" {}
resource "terraform_data" "ok2" {}
import {
  to = var.x
  id = "x"
}
import {
  to = terraform_data.ok.id
  id = "x"
}
import {
  to = resource.terraform_data.ok
  id = "x"
}
