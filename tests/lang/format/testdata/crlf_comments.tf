a = 1 # c
bb = 2 // d
/* x */
c = {
  d = 1
}
