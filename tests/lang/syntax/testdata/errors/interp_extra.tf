locals {
  a = "${x y}"
}
