locals {
  a = 1 # short
  bbbbbbbbbbbbb = "long value here" # long
  c = [1] # x

  d = 2 # after blank
  eeeeeeeeee = 3 // slash

  f = 4
  # line
  g = 5 # g
}
