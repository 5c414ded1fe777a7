resource "terraform_data" "b" {
  provisioner "baz" {}
}
