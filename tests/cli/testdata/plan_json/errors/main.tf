resource "terraform_data" "a" {
  input = nope.x
}

variable "n" {
  type = number
}
