resource "terraform_data" "p" {
  input = "x"

  provisioner "local-exec" {
    command     = "echo ${self.id}"
    environment = { A = "b" }
  }

  provisioner "local-exec" {
    when    = destroy
    command = "echo bye"
  }
}
