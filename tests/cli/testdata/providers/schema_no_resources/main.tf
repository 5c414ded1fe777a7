locals {
  a = 1
}

output "a" {
  value = local.a
}
