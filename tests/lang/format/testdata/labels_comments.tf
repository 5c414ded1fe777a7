resource "a" /* after one label */ {
  x = 1
}
provider /* no labels */ {
}
data /* before */ foo /* between */ bar /* after */ {
}
