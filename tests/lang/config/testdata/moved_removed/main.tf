moved {
  from = "x"
  to   = 1
}

moved {
  from = terraform_data.a[var.x]
  to   = terraform_data.b
}

removed {
  from = terraform_data.a[0]
}

removed {
  from = terraform_data.b
  lifecycle {
    destroy = "maybe"
  }
}

removed {
  from = module.c
  foo  = 1
  provisioner "local-exec" {
    command = "x"
  }
}

removed {
  from = 1 + 1
}
