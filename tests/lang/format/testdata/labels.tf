resource aws_instance web {
  a = 1
}
resource "aws_instance"   "db"{
  b = 2
}
provider aws {}
module "m" {
  source = "./m"
}
resource /* c1 */ "x" /* c2 */ "y" /* c3 */ {
}
data "a" "b\u0041" {}
resource "x" "esc\"quote" {}
locals{
}
block "" {}
