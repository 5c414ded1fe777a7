resource "terraform_data" "a" {
  for_each = toset(["a"])
  input    = each.key
}
