locals {
  a = "%{ if x }a%{ endfor }"
}
