locals {
  a = [ for x in var.list : upper(x) ]
  b = { for k , v in var.map : k => v }
  c = [for x in var.list: x if x != ""]
  d = {for k, v in var.map: k => v...}
  e = [for x in [1,2,3]: x*2]
  f = { for i, v in var.l : v.name => v if i>0 }
  g = [
    for x in var.list :
    x.id
  ]
  h = {
    for k, v in var.m :
    k => v
    if v != null
  }
}
