# count, for_each with awkward keys, a sensitive input, create_before_destroy and
# dependencies.
resource "terraform_data" "counted" {
  count = 3
  input = "v${count.index}"
}

resource "terraform_data" "keyed" {
  for_each = toset(["a", "b\"q", "ü", "x y", "${"$"}{x}", "<&>", "tab\there", "10", "9"])
  input    = each.key
}

resource "terraform_data" "secret" {
  input      = sensitive({ a = "x", b = ["y"], n = 1.5 })
  depends_on = [terraform_data.keyed, terraform_data.counted]
  lifecycle {
    create_before_destroy = true
  }
}

resource "terraform_data" "plain" {
  input            = { list = [1, 2, 3], empty = {}, none = null, nested = { s = "<b>" } }
  triggers_replace = [terraform_data.secret.id]
}

output "plain_id" {
  value = terraform_data.plain.id
}
