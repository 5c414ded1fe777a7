a = upper("x")
b = var.a
