variable "s" {
  default = "abc"
}
locals {
  a = substr(var.s, "x", 1)
  b = upper(var.s, 2)
  c = max(1, "z")
  d = nosuchfunc(1)
}
