resource "terraform_data" "x" {
}

resource "terraform_data" "each" {
  for_each = toset(["first", "second"])
  input    = each.key
}
