locals {
  a = "${var.a}"
  b = "${var.b}-suffix"
  c = "prefix-${var.c}"
  d = "${var.d}${var.e}"
  e = "${upper("${var.e}")}"
  f = "${
    var.f
  }"
  g = "${var.cond
    ? "a"
    : "b"}"
  h = "${(var.h
  )}"
  i = "${ var.i }"
  j = "${var.j}" # comment
  k = ["${var.k}"]
  l = { m = "${var.l}" }
  n = "${~var.n~}"
  o = "${1 + 2}"
}

resource "r" "s" {
  name = "${var.name}"
  nested {
    value = "${var.nested}"
  }
}
