variable "n" { default = 1 }
locals {
  bad  = var.n + "x"
  uses = local.bad
  ok   = 2
}
output "uses" { value = local.uses }
output "ok" { value = local.ok }
output "fn" { value = upper(1, 2) }
