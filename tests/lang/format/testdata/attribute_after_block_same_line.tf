locals {
  x = {
    a = 1 }
  y = [
    1 ]
  z = 3
}
