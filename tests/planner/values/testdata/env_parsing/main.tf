variable "s" { type = string }
variable "n" { type = number }
variable "b" { type = bool }
variable "l" { type = list(string) }
variable "m" { type = map(number) }
variable "untyped" {}
variable "any_typed" { type = any }
variable "o" { type = object({ x = number, y = optional(string, "dflt") }) }

output "all" {
  value = {
    s         = var.s
    n         = var.n
    b         = var.b
    l         = var.l
    m         = var.m
    untyped   = var.untyped
    any_typed = var.any_typed
    o         = var.o
  }
}
