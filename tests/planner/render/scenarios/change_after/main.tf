variable "name" {
  type = string
}

variable "secret" {
  type      = string
  sensitive = true
}

resource "terraform_data" "upd" {
  input = "v2"
}

resource "terraform_data" "rep" {
  input            = "same"
  triggers_replace = "t2"
}

resource "terraform_data" "cnt" {
  count = 1
  input = count.index
}

resource "terraform_data" "keep" {
  input = var.name
}

resource "terraform_data" "sens" {
  input = { secret = var.secret, plain = "p" }
}

resource "terraform_data" "trig" {
  input = "t"
  lifecycle {
    replace_triggered_by = [terraform_data.upd]
  }
}

resource "terraform_data" "new" {
  input = "moving"
}

moved {
  from = terraform_data.old
  to   = terraform_data.new
}

module "m" {
  source   = "./mod"
  for_each = toset(["a"])
  label    = each.key
}

output "changes" {
  value = "two"
}

output "added" {
  value = terraform_data.upd.output
}

output "secret" {
  value     = var.secret
  sensitive = true
}

output "same" {
  value = terraform_data.keep.output
}
