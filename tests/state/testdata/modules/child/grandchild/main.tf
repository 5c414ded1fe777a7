variable "name" {
  type = string
}

resource "terraform_data" "leaf" {
  for_each = toset(["a", "b"])
  input    = "${var.name}/${each.key}"
}
