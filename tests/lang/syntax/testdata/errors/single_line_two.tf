variable "x" { default = 1, type = string }
