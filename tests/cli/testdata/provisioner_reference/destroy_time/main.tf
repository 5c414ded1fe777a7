resource "terraform_data" "a" {
  input = "x"

  provisioner "local-exec" {
    when    = destroy
    command = "echo destroying ${self.id} ${self.input}"
  }
}
