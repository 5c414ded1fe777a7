resource "terraform_data" "app" {
  triggers_replace = [var.env]
  lifecycle {
    create_before_destroy = true
  }
}

module "child" {
  x = 2
}

output "name" {
  value       = upper(local.name)
  description = "The name."
}
