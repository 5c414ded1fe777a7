locals {
  list = [ # after open bracket
    "a", # a
    "bb",     # bb
    # standalone
    "ccc" # no comma
  ]
  obj = { # after open brace
    k1 = "v" # c1
    key2 = "value" # c2

    k3 = 3 # c3
  }
  call = foo( # after paren
    1, /* inline */
    2
  )
}
