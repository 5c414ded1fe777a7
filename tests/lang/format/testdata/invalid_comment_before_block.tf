/* leading */ resource "a" "b" {
  x = 
}
