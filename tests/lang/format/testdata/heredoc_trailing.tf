locals {
  a = <<EOT
x
EOT
  b = "after"
  cc = <<-EOT
    y ${ var.z } z
    EOT
  d = [
    <<EOT
in list
EOT
  ]
}
