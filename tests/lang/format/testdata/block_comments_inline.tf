locals {
  a = /* inline */ 1
  b = [1, /* two */ 2]
  c = foo(/* arg */ 1)
  d = 1 /* trailing block */
  /* own line block */
  e = 2
  f = {
    /* c */ g = 1
  }
}
