variable "a" {
  type = "string"
}
variable "b" {
  type = "list"
}
variable "c" {
  type = "map"
}
variable "d" {
  type = list
}
variable "e" {
  type = map
}
variable "f" {
  type = set
}
variable "g" {
  type = "number"
}
variable "h" {
  type = list(string)
}
variable "i" {
  type = object({ a = string, b = list })
}
variable "j" {
  type = any
}
locals {
  type = "string"
}
resource "x" "y" {
  type = "list"
  variable {
    type = "string"
  }
}
variable "k" {
  nested {
    type = "string"
  }
}
