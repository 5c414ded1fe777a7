locals {
  a = [for k v: 1]
}
