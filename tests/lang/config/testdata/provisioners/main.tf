resource "terraform_data" "p" {
  provisioner "local-exec" {
    command    = "x"
    when       = later
    on_failure = maybe
  }
  provisioner {}
  provisioner "local-exec" {
    command = "y"
    when    = destroy
    connection {}
    connection {}
  }
}
