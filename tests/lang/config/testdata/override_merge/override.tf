variable "env" {
  default = "production"
}

locals {
  name = "api-${var.env}"
}
