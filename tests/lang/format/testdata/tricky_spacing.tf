locals {
  a = [for x in[1, 2]: x]
  b = [for k, v in {a=1}: v]
  c = (var.a) - 1
  d = var.l[0] - 1
  e = [
    -1,
    - 2,
  ]
  f = !(var.x)
  g = "${var.a ? "b" : "c"}"
  h = "${"lit"}"
  i = { for k, v in var.m : k => v... }
  j = var.a.b[*].c[0]
  k = foo(var.a...)
  l = a ? b : c ? d : e
  m = 1 /* c */ # d
  n = true&&false
  o = try(var.x,null)
  p = var.x==null?1:2
}
