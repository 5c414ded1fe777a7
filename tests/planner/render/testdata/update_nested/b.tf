resource "terraform_data" "a" {
  input = {
    keep    = "k"
    change  = "new"
    added   = true
    list    = ["a", "b", "c", "X", "e", "f", "g", "h"]
    objs    = [{ name = "one", v = 1 }, { name = "two", v = 3 }]
    map     = { x = 1, y = 20, w = 0 }
    nested  = { inner = { a = 1, b = 3 }, other = "o" }
    id      = "same-id"
    numbers = []
  }
}
