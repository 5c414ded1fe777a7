resource "x" "y" {
  a = <<EOT
hello ${var.name}
   keep   spacing
EOT
    b = <<-EOT
    indented ${ var.x }
      more
    EOT
  c = 1
  d = [<<EOT
in list
EOT
  ,
  ]
  e = upper(<<EOF
foo
EOF
  )
  f = <<EOT
%{ for x in var.list ~}
item ${ x }
%{ endfor ~}
EOT
}
