locals {
  items   = [for i in range(5) : { id = i, name = format("item-%02d", i) }]
  by_name = { for it in local.items : it.name => it.id if it.id % 2 == 0 }
  joined  = join(",", [for it in local.items : it.name])
  json    = jsonencode(local.by_name)
  merged  = merge({ a = 1 }, { b = 2 })
  cond    = length(local.items) > 3 ? "many" : "few"
}
output "by_name" { value = local.by_name }
output "joined" { value = local.joined }
output "json" { value = local.json }
output "merged" { value = local.merged }
output "cond" { value = local.cond }
