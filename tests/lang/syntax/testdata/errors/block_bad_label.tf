resource "a" 1 {
}
