variable "name" {
  type = string
}

variable "secret" {
  type      = string
  sensitive = true
}

resource "terraform_data" "upd" {
  input = "v1"
}

resource "terraform_data" "rep" {
  input            = "same"
  triggers_replace = "t1"
}

resource "terraform_data" "del" {
  input = "gone"
}

resource "terraform_data" "cnt" {
  count = 3
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

resource "terraform_data" "old" {
  input = "moving"
}

module "m" {
  source   = "./mod"
  for_each = toset(["a", "b"])
  label    = each.key
}

output "changes" {
  value = "one"
}

output "removed" {
  value = "bye"
}

output "secret" {
  value     = var.secret
  sensitive = true
}

output "same" {
  value = terraform_data.keep.output
}
