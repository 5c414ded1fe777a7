variable "a" {
  type    = list(number)
  default = ["1", "x"]
}

variable "b" {
  type    = object({ name = string, size = number })
  default = { name = "x" }
}

variable "c" {
  type    = map(bool)
  default = { a = true, b = "nope" }
}

variable "d" {
  type    = object({ name = string, size = optional(number, 3) })
  default = { name = "x" }
}

variable "e" {
  type    = tuple([string, number])
  default = ["a", "b", "c"]
}

variable "f" {
  type    = set(string)
  default = [[1]]
}

variable "g" {
  type    = string
  default = 1.5e3
}

variable "h" {
  type    = number
  default = 3 * 4 - 2
}

variable "i" {
  type    = list(string)
  default = "abc"
}

variable "j" {
  type    = object({ a = list(object({ b = number })) })
  default = { a = [{ b = 1 }, { b = "two" }] }
}

variable "k" {
  type    = bool
  default = 1 == 1 && "true"
}

variable "l" {
  type    = number
  default = "${1 + 1}0"
}
