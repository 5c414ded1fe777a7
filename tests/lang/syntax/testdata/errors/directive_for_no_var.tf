locals {
  a = "%{ for 1 in y }a%{ endfor }"
}
