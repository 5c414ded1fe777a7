locals {
  a = {
    "quoted key" = 1
    unquoted = 2
    (var.dynamic) = 3
    "${var.interp}" = 4
    nested = { x = { y = 1 } }
  }
}
