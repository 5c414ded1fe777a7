locals {
  a = var.list [0]
  b = foo()[0]
  c = [1, 2][0]
  d = {a = 1}["a"]
  e = "str"[0]
  f = (var.x)[0]
  g = var.m[ "k" ]
  h = 5[0]
}
