resource "terraform_data" "a" {
  input = 
}

variable "required" {}
