resource "terraform_data" "str" {
  input = "hello"
}
resource "terraform_data" "num" {
  input = 42.5
}
resource "terraform_data" "bool" {
  input = true
}
resource "terraform_data" "none" {
}
resource "terraform_data" "obj" {
  input = {
    name  = "x"
    count = 3
    tags  = { env = "prod", "with space" = "y" }
    list  = [1, 2, 3]
    empty = []
    nested = {
      deep = [{ a = 1 }, { b = null }]
    }
  }
}
resource "terraform_data" "multi" {
  input = "line one\nline two\n\n  indented\n"
}
resource "terraform_data" "json" {
  input = jsonencode({ a = 1, b = [true, null], c = { d = "e" } })
}
resource "terraform_data" "set" {
  input = toset(["b", "a"])
}
resource "terraform_data" "unknown_nested" {
  input = { id = terraform_data.str.id, known = "k", list = [terraform_data.num.id, "z"] }
}
resource "terraform_data" "trig" {
  input            = "v"
  triggers_replace = ["t1", 2]
}
