locals {
  a = <<EOT
%{ if var.a ~}
  a is set
%{~ else ~}
  not set
%{ endif }
%{~ for k, v in var.m }
${k}=${v}
%{ endfor ~}
EOT
  b = "%{ for x in var.l }${x}%{ endfor }"
}
