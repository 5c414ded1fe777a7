locals {
  a = { b c }
}
