tuple = [1, "two", [3], ]
multi = [
  1,
  2
]
obj = {
  a = 1
  "b" = 2, c : 3
  (d) = 4
  e.f = 5
}
empty_obj = {}
nested = { a = { b = [{ c = 1 }] } }
