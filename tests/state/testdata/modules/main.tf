# Nested modules with count and for_each; resources of one type in several modules.
module "single" {
  source = "./child"
  name   = "single"
}

module "counted" {
  source = "./child"
  count  = 2
  name   = "counted-${count.index}"
}

module "keyed" {
  source   = "./child"
  for_each = { "k\"1" = 1, "k2" = 2 }
  name     = each.key
}

resource "terraform_data" "root" {
  input = [for m in module.counted : m.id]
}
