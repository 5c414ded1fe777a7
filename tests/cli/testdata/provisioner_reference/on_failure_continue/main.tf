resource "terraform_data" "a" {
  input = "x"

  provisioner "local-exec" {
    command    = "echo out1; exit 3"
    on_failure = continue
  }
  provisioner "local-exec" {
    command = "echo second"
  }
}
