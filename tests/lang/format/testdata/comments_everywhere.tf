# File header comment
// another style
/* block
   comment */

/* leading */ resource "a" "b" {
  # inside first
  x = 1 # trailing
  /* before y */ y = 2
  z = [
    1, # one
    2, // two
    # own line
    3,
  ]
  w = {
    # inside object
    k = "v" # trailing in object
  }
  # last in body
}
# between blocks

resource "a" "c" { # after brace
}
# end of file
