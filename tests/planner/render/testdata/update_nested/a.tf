resource "terraform_data" "a" {
  input = {
    keep    = "k"
    change  = "old"
    gone    = "bye"
    list    = ["a", "b", "c", "d", "e", "f", "g"]
    objs    = [{ name = "one", v = 1 }, { name = "two", v = 2 }]
    map     = { x = 1, y = 2, z = 3 }
    nested  = { inner = { a = 1, b = 2 }, other = "o" }
    id      = "same-id"
    numbers = [1, 2, 3]
  }
}
