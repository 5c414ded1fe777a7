locals {
  a = 1
  bbbbb = <<EOT
text
EOT
  cc = 2 # c
  dddddddd = <<-EOT
    x
  EOT
  e = 3
}
