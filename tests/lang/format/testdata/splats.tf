locals {
  a = var.list[*].id
  b = var.list.*.id
  c = var.list[*]
  d = aws_instance.web[0].id
  e = var.map["key"]
  f = var.list[ 0 ][ 1 ]
  g = module.m.out[*].a.b
  h = var.x[count.index]
  i = var.tuple.0.name
}
