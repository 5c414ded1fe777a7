terraform {
  required_version = ">= 1.5"
}

variable "environment" {
  type        = string
  default     = "staging"
  description = "Which environment this stack belongs to."
}

locals {
  name = "web-${var.environment}"
  tags = {
    environment = var.environment
    owner       = "platform"
  }
}

resource "terraform_data" "bucket" {
  input = {
    name = local.name
    tags = local.tags
  }
}

resource "terraform_data" "app" {
  input            = "${local.name}-app"
  triggers_replace = [terraform_data.bucket.id]
}

output "app_name" {
  value = terraform_data.app.output
}
