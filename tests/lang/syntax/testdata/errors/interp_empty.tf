locals {
  a = "${}"
}
