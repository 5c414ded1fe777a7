resource "terraform_data" "a" {
  input = "x"

  provisioner "local-exec" {
    when    = destroy
    command = "echo bye ${self.input}; exit 2"
  }
}
