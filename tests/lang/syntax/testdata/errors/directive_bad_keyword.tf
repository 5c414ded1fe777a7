locals {
  a = "%{ iff x }%{ endif }"
}
