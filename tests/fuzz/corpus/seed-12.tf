x = <<EOT
never closed
