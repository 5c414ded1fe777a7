locals {
  a = "${foo(
    1,
    2
  )}"
  b = "x ${foo(
    1
  )} y"
  c = "${
    {
      a = 1
    }
  }"
}
