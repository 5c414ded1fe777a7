locals {
  foo
}
