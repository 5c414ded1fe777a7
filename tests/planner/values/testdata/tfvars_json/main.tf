variable "s" {}
variable "n" { type = number }
variable "obj" {}
variable "lst" { type = list(string) }
variable "tmpl" {}
output "all" { value = [var.s, var.n, var.obj, var.lst, var.tmpl] }
