locals {
  a = var.x ? 1 : 2
  b = var.x?"yes":"no"
  c = var.a == 1 ? (var.b != 2 ? "x" : "y") : "z"
  d = (
    var.long_condition
    ? "yes"
    : "no"
  )
}
