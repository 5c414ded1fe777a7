# The configuration after a.tf was applied: outputs changed, one added (sensitive), one
# removed; refresh records them without touching the resources.
resource "terraform_data" "a" {
  input = "x"
}

resource "terraform_data" "b" {
  count = 2
  input = count.index
}

output "o" {
  value = "${terraform_data.a.output}-new"
}

output "secret" {
  value     = terraform_data.b[*].output
  sensitive = true
}
