locals {
  a = max(x..., 2)
}
