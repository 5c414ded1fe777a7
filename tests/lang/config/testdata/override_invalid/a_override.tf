variable "a" {
  type = number
}

variable "b" {
  default = "one"
}

variable "c" {
  type    = bool
  default = "maybe"
}

variable "d" {
  nullable = false
  default  = null
}

resource "terraform_data" "r" {
  depends_on = [terraform_data.s]
}

output "o" {
  depends_on = [terraform_data.s]
}

check "c" {
  assert {
    condition     = terraform_data.s.id != ""
    error_message = "x"
  }
}
