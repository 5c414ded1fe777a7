variable "secret" {
  default   = "s3cr3t"
  sensitive = true
}

resource "terraform_data" "a" {
  provisioner "local-exec" {
    command = "echo 1; echo 2; echo ${var.secret}; exit 1"
  }
}
