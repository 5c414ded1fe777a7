resource "terraform_data" "a" {
  provisioner "foo" {}
  provisioner "local-exec" {
    command = "echo x"
  }
  provisioner "bar" {}
}

module "m" {
  source = "./mod"
}
