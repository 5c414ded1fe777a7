variable "f" {
  default = var.a
}
variable "g" {
  nullable = "maybe"
}
variable "h" {
  sensitive = 1
}
variable "i" {
  sensitive = null
}
variable "j" {
  type    = number
  default = "abc"
}
variable "k" {
  type    = bool
  default = "True"
}
variable "l" {
  type    = string
  default = [1, 2]
}
variable "m" {
  description = var.a
}
variable "n" {
  nullable = false
  default  = null
}
variable "o" {
  default = upper("x")
}
variable "p" {
  ephemeral = "yes"
}
variable "ok1" {
  type      = number
  default   = "12"
  sensitive = "true"
  nullable  = false
}
variable "ok2" {
  type    = bool
  default = "1"
}
variable "ok3" {
  default = 1 + 2 * 3
}
