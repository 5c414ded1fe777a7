foo "bar" {
}
