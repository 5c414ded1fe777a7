a = 3
thing {
}
