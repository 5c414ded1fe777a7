locals {
  obj = {
    a = 1
    bb = {
      c = [1, 2, 3]
      ddd = {
        e = "x"
        ffff = [
          {
            g = 1
            hh = 2
          },
          {
            i = 3
          },
        ]
      }
    }
  }
  tup = [
  [1, 2],
  [
  3,
  4
  ],
  ]
  mixed = [{ a = 1 }, { b = 2 }]
  colon = { a: 1, "b": 2 }
  keyexpr = { (var.k) = 1, "${var.j}" = 2 }
  commas = { a = 1, b = 2, }
}
