variable "name" {
  type        = string
  default     = "world"
  description = "who to greet"
}

variable "count_of" {
  type    = number
  default = 3
}

variable "tags" {
  type    = map(string)
  default = { env = "dev", team = "core" }
}

variable "anything" {
  default = ["a", 1, true]
}

locals {
  greeting = "hello, ${var.name}"
  numbers  = [for i in range(var.count_of) : i * 2]
  upper    = { for k, v in var.tags : k => upper(v) }
  derived  = "${local.greeting}!"
  module   = path.module
  root     = path.root
  ws       = terraform.workspace
}

output "greeting" {
  value       = local.derived
  description = "the greeting"
}

output "numbers" {
  value = local.numbers
}

output "upper" {
  value = local.upper
}

output "anything" {
  value = var.anything
}

output "paths" {
  value = [local.module, local.root, local.ws]
}

output "null_value" {
  value = null
}

output "object" {
  value = { a = 1, b = [true, false], c = { d = "e" } }
}
