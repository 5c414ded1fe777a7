resource "terraform_data" "a" {
  input = jsonencode({ a = 2, b = [1, 3], d = null, keep = true })
}
resource "terraform_data" "ws" {
  input = "{\"a\": 1}"
}
resource "terraform_data" "tojson" {
  input = jsonencode(["plain"])
}
