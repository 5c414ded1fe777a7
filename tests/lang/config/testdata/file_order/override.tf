variable "v" {
  default = "o"
}

variable "missing_o" {}

output "o" {}
