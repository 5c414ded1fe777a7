resource "terraform_data" "x" {
  for_each = toset(["k1", "k2"])
  input    = { key = each.key, secret = sensitive(each.key) }
}

output "out" {
  value = terraform_data.x["k1"].id
}
