# A create_before_destroy replacement whose new object fails its provisioner: the new object
# is tainted and the old one stays as a deposed object (record.sh applies twice).
variable "gen" {
  default = 1
}

resource "terraform_data" "d" {
  count            = 2
  input            = var.gen
  triggers_replace = [var.gen]
  provisioner "local-exec" {
    command = "exit ${tostring(var.gen) == "2" && count.index == 1 ? 1 : 0}"
  }
  lifecycle {
    create_before_destroy = true
  }
}
