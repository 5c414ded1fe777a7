locals {
  a = local.b
  b = local.a
  c = 1
}
output "o" { value = local.c }
