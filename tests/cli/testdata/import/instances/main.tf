variable "n" {
  type = number
}
resource "terraform_data" "c" {
  count = var.n
  input = "c${count.index}"
}
resource "terraform_data" "f" {
  for_each = toset(["a", "b"])
  input    = each.key
}
module "m" {
  source = "./mod"
}
