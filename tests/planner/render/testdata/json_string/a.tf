resource "terraform_data" "a" {
  input = jsonencode({ a = 1, b = [1, 2], c = "x", keep = true })
}
resource "terraform_data" "ws" {
  input = "{\"a\":1}"
}
resource "terraform_data" "tojson" {
  input = "plain"
}
