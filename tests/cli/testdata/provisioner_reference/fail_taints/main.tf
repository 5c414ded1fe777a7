resource "terraform_data" "a" {
  input = "x"

  provisioner "local-exec" {
    command = "echo out1; echo err1 >&2; exit 3"
  }
  provisioner "local-exec" {
    command = "echo never runs"
  }
}
