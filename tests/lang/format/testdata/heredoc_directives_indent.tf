resource "x" "y" {
  content = <<-EOT
    %{~ for k, v in var.m ~}
    ${ k } = ${ v }
    %{~ endfor ~}
  EOT
  other = "x"
  script = <<EOS
#!/bin/bash
if [ "$${HOME}" ]; then
  echo "%%{not a directive}"
fi
EOS
}
