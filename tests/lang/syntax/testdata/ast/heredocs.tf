h1 = <<EOT
hello
  ${name}
EOT
h2 = <<-EOT
    indented
      more
    ${x} end
    EOT
h3 = <<-EOT
    a

    b
  EOT
h4 = <<EOT
${x}
EOT
h5 = <<-EOT
  %{ for x in xs ~}
  - ${x}
  %{ endfor ~}
  EOT
