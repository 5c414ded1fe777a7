# Bodies: attributes, blocks with quoted and bare labels, one-line and empty blocks.
a = 1
resource "aws_instance" "web" {
  ami = "x" // trailing comment

  nested bare_label {
    deep {}
  }
  one { b = true }
  empty {
  }
}
locals { x = null }
/* block comment */ b = false
