variable "v" {
  default = "b"
}

variable "missing_b" {}
