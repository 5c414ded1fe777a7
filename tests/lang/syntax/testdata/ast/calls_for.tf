c1 = max(1, 2, 3)
c2 = concat(a, b...)
c3 = provider::aws::arn_parse(x)
c4 = f()
c5 = f(
  1,
  2,
)
f1 = [for x in xs : x * 2]
f2 = [for i, x in xs : x if i > 0]
f3 = {for k, v in m : k => v}
f4 = {for k, v in m : v => k... if v != null}
f5 = {
  for k in m : k => 1
}
f6 = [for x in xs: { a = x }]
