locals {
  a = 1.5
  b = 1e10
  c = 1.5e-3
  d = true
  e = false
  f = null
  g = 0
  h = -0.5
  i = 00012
}
