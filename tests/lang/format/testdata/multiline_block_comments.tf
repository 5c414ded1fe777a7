locals {
  a = [
    1, /* spans
    lines */ 2,
    3,
  ]
  /*
   * doc comment
   */
  b = 2 /* c */
  ccc = 3
}
