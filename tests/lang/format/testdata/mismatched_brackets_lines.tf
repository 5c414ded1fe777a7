locals {
  a = [[
    1,
    2,
  ]]
  b = { x = [
    1,
  ] }
  c = [{
    d = 1
  }, {
    e = 2
  }]
  f = foo({
    g = 1
  })
}
