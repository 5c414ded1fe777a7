h { i = var.j # comment
}
