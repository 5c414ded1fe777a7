resource "terraform_data" "a" {
  foo = 1
  lifecycle {
    bar = 2
  }
}
