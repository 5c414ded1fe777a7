resource "a${x}" "b" {
}
