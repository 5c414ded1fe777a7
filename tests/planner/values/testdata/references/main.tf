variable "known" { default = 1 }
variable "kown2" { default = 1 }
locals {
  here = 1
}
output "a" { value = path.foo }
output "b" { value = terraform.foo }
output "c" { value = count.index }
output "d" { value = each.key }
output "e" { value = self.x }
output "f" { value = module.m.x }
output "g" { value = data.x.y.z }
output "h" { value = foo.bar }
output "i" { value = var.nope }
output "j" { value = local.nope }
output "k" { value = var.knwn }
output "l" { value = local.her }
output "m" { value = bar }
output "o" { value = path.modul }
output "p" { value = each.other }
output "q" { value = count.other }
output "r" { value = terraform.env }
