resource "\u00e9\t" "\U00  01F600" {
  x = 1
}
