resource "terraform_data" "a" {
  provisioner "local-exec" {
    commandd    = "x"
    interpreter = "sh"
    environment = { A = ["x"] }
    quiet       = "maybe"
  }
  provisioner "local-exec" {
    quiet = true
  }
}
