locals {
  a = foo(
    1,
    2
  )
  b = foo(1,
    2,
  3)
  c = foo(bar(
    1
  ))
  d = [
    1, 2,
    3, 4,
  ]
  e = {
    a = 1, b = 2
    c = 3
  }
  f = (1 +
  2)
}
