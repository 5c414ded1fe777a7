terraform {
  required_version = "~> foo"
}

terraform {
  required_version = var.x
}

terraform {
  required_version = ["1.0"]
}

terraform {
  required_version = ">= 1.2.0, < 2.0.0"
}

terraform {
  required_version = null
}
