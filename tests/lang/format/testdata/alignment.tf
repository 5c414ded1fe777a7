locals {
  a = 1
  bbbbbb = 2
  cc = 3

  dddddddddd = 4
  e = 5
  # a comment breaks the chain
  ffff = 6
  g = 7
  nested {
    x = 1
    yyy = 2
  }
  hhhhhhhhh = 8
  i = {
    j = 1
    kkkk = 2
  }
  l = 9
}
