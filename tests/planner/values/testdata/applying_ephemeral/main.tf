locals {
  applying = terraform.applying
}
output "applying" { value = local.applying }
