locals {
  a = var.[0]
}
