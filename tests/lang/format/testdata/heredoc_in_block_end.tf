resource "x" "y" {
  policy = <<POLICY
{
  "Version": "2012-10-17",
    "Statement": []
}
POLICY
}
output "o" {
  value = <<-EOT
      ${var.x}
        %{ if true }yes%{ endif }
  EOT
}
