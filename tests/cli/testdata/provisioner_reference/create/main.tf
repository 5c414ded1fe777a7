resource "terraform_data" "a" {
  input = "x"

  provisioner "local-exec" {
    command = "echo hi; echo there >&2; printf 'no newline'"
  }
  provisioner "local-exec" {
    command     = "echo $GREETING from $(pwd)"
    environment = { GREETING = "hello" }
    working_dir = "/tmp"
  }
  provisioner "local-exec" {
    command = "echo quietly"
    quiet   = true
  }
  provisioner "local-exec" {
    command     = "echo ${self.input} $0"
    interpreter = ["/bin/bash", "-c"]
  }
  provisioner "local-exec" {
    when    = destroy
    command = "echo not now"
  }
}
