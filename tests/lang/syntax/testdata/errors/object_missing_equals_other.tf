locals {
  a = { b + }
}
