locals {
  d = [local.d, local.ok]
  ok = 1
}
output "o" { value = local.ok }
