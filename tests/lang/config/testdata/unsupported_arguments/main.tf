variable "a" {
  defaults = 1
}

variable "b" {
  foo = 1
}

output "o" {
  value = 1
  foo   = 2
}

output "p" {
  value {}
}

variable "c" {
  validation = 1
}

terraform {
  required_version = ">= 1.0"
  experiment       = []
}

variable "d" {
  validations {}
}

moved {
  from = terraform_data.a
  to   = terraform_data.b
  foo  = 1
}
