locals {
  a = 1+2*3/4%5-6
  b = var.a&&var.b||!var.c
  c = var.a==var.b
  d = var.a!=var.b
  e = var.a<var.b
  f = var.a<=var.b
  g = var.a>var.b
  h = var.a>=var.b
  i = -1
  j = 1 - -2
  k = (-var.x)
  l = [-1, -2]
  m = { a = -1 }
  n = var.a ? -1 : -2
  o = !var.x
  p = ! var.y
  q = - var.z
  r = 5 -3
  s = foo(-1)
  t = var.a * -var.b
  u = var.a == -1
  v = var.a && -1
  w = 3- 2
}
