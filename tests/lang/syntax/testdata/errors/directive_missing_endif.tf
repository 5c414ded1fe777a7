locals {
  a = "%{ if x }a"
}
