variable "secret" {
  default   = "s3cr3t"
  sensitive = true
}

resource "terraform_data" "a" {
  input = { name = "a", secret = var.secret }
}

resource "terraform_data" "b" {
  count = 2
  input = terraform_data.a.id
}

output "a_id" {
  value = terraform_data.a.id
}

output "hidden" {
  value     = var.secret
  sensitive = true
}

output "fixed" {
  value = 42
}
