variable "name" {
  type    = string
  default = "web"
}

locals {
  prefix = "app"
  count  = length(var.name) + local.prefix
}
