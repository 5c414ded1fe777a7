resource "a" "b" {
  c {
    d = 1
