variable "name" {
  type = string
}

variable "secret" {
  type      = string
  sensitive = true
}

variable "n" {
  type    = number
  default = 2
}

resource "terraform_data" "plain" {
  input = {
    name   = var.name
    tags   = ["a", "b"]
    secret = var.secret
  }
}

resource "terraform_data" "counted" {
  count = var.n
  input = "item-${count.index}"
}

resource "terraform_data" "each" {
  for_each         = toset(["x", "y"])
  input            = each.key
  triggers_replace = [each.value, terraform_data.plain.id]
  depends_on       = [terraform_data.counted]
}

module "child" {
  source = "./mod"
  count  = 2
  label  = "c${count.index}"
}

module "single" {
  source = "./mod"
  label  = "s"
}

output "plain_id" {
  value = terraform_data.plain.id
}

output "secret" {
  value     = var.secret
  sensitive = true
}

output "static" {
  value = "hello <&>"
}

output "child_out" {
  value = module.child[0].out
}
