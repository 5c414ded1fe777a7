terraform {
  required_providers {
    ok     = "1.0"
    ok-too = { source = "hashicorp/ok-too", version = ">= 1.0" }
    e = { foo = "bar", source = "hashicorp/e" }
  }
}
