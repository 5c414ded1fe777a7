variable "items" {
  type    = list(string)
  default = ["a", "b"]
}

output "count" {
  value = length(var.items)
}
