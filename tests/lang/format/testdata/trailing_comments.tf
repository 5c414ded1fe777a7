variable "x" {
  default = 1 # one
  description = "some text" # two
  sensitive = false    // three
  nullable = true
  type = string # four
}

locals {
  a = 1 /* block */
  bb = 2 # x
  # lone comment
  ccc = 3 # y
}
