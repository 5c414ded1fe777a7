variable "a" {
  default = 2
}
