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
  type = "foo"
}
variable "e" {
  type = strin
}
variable "f" {
  type = list(string, number)
}
variable "g" {
  type = set
}
variable "h" {
  type = object
}
variable "i" {
  type = string(1)
}
variable "j" {
  type = any(string)
}
variable "k" {
  type = foo(string)
}
variable "l" {
  type = optional(string)
}
variable "m" {
  type = object({ a = string, "b" = number })
}
variable "n" {
  type = object([string])
}
variable "o" {
  type = tuple(string)
}
variable "p" {
  type = object({ a = optional() })
}
variable "q" {
  type = object({ a = optional(number, "x") })
}
variable "r" {
  type = map()
}
variable "s" {
  type = 1 + 2
}
variable "ok1" {
  type = list
}
variable "ok2" {
  type = map(object({ a = optional(string, "x"), b = list(number) }))
}
variable "ok3" {
  type = tuple([string, bool, any])
}
variable "ok4" {
  type = set(map(string))
}
