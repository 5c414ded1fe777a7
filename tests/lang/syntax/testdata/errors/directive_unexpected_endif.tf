locals {
  a = "a%{ endif }"
}
