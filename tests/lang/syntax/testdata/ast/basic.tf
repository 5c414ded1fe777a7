# comment
resource "aws_instance" "web" {
  ami           = "ami-${var.x}-z"
  count = 2 + 3 * 4
  tags = {
    Name = "x"
    "a b" = 1, c = [1, 2,
      3]
  }
  one { a = 1 }
  x = a.b[0].c[*].d
  y = [for k, v in var.m : k => v if v != null]
  z = <<-EOT
    hello ${name}
      world
    EOT
  f = provider::p::f(1, x...)
}
