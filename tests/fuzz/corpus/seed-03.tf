h = <<-EOT
  line ${x}
    %{ for i in l ~}
  ${i}
  %{~ endfor }
  EOT
