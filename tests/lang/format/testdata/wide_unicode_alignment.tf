locals {
  naïve = 1
  résumé_long = 2 # c
  x = "é" # e
}
