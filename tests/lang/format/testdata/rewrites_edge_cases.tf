variable "a" { type = "list" }
variable "b" {
  type = "string" # legacy
  default = "${var.x}"
}
variable "c" {
  type = ("string")
}
variable "d" {
  type = "${string}"
}
variable "e" {
  type = /* c */ "map"
}
variable "f" {
  type    =    set
  validation {
    condition = "${var.f != null}"
    error_message = "${"x"}"
  }
}
output "o" { value = "${var.a}" }
locals {
  empty_interp_ws = "${ var.a
  }"
  paren_only = "${(var.a ? 1 : 2)}"
  two_lines_parens = "${(var.a
    ? 1 : 2)}"
  multiline_trailing_paren = "${var.a
    + (1)}"
  heredoc_inside = "${<<EOT
x
EOT
}"
}
