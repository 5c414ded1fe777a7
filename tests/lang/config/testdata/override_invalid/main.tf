variable "a" {
  type    = string
  default = "x"
}

variable "b" {
  type    = number
  default = 1
}

variable "c" {
  default = "abc"
}

variable "d" {
  type    = bool
  default = true
}

resource "terraform_data" "r" {
  depends_on = [terraform_data.s]
}

resource "terraform_data" "s" {}

output "o" {
  value = 1
}
