locals {
  a = "\U0001F60"
}
