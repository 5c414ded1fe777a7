variable "label" {
  type = string
}

resource "terraform_data" "inner" {
  for_each = { a = 1 }
  input    = "${var.label}-${each.key}"
}

output "out" {
  value = terraform_data.inner["a"].output
}
