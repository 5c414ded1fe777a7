variable "ok" {
  default = 1
}

module "up" {
  source = "../child/grand"
}
