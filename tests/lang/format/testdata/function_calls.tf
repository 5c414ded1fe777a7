locals {
  a = max(1,2,3)
  b = max(var.list...)
  c = concat( var.a , var.b )
  d = provider::terraform::encode_tfvars({ a = 1 })
  e = provider :: terraform :: decode_tfvars("a = 1")
  f = merge(
    var.a,
    var.b,
  )
  g = lookup(var.m, "k", null)
  h = upper ("x")
  i = format("%s-%s", var.a, var.b)
  j = jsonencode({
    a = 1
    b = [1, 2]
  })
  k = coalesce(var.a,
  var.b)
  l = f( )
}
