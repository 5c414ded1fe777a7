resource "a" "b" { x = 1 }
resource "a" "c" {}
resource "a" "d" {  }
locals {   }
terraform { required_version = ">= 1.0" }
resource "a" "e" {
  lifecycle { create_before_destroy = true }
  timeouts {}
}
