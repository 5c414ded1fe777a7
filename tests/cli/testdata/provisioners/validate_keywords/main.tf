locals {
  x = 1
}

resource "terraform_data" "a" {
  provisioner "local-exec" {
    when    = "destroy"
    command = "echo ${self.id} ${local.x} ${count.index} ${each.value}"
    connection {
      host = local.x
    }
  }
  provisioner "local-exec" {
    when       = later
    on_failure = "continue"
    command    = "x"
  }
  provisioner "chef" {}
}
