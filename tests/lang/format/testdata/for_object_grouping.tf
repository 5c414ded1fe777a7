locals {
  grouped = {for s in var.servers: s.role => s.name...}
  filtered = [for i, v in var.list: { index = i, value = v } if v != null]
  nested = [for a in var.outer: [for b in a.inner: "${a.name}-${b}"]]
  keys = {for k in keys(var.m): k => lookup(var.m, k)}
}
