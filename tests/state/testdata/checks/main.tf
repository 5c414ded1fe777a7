variable "n" {
  default = 3
}
output "checked" {
  value = var.n * 2
  precondition {
    condition     = var.n > 0
    error_message = "n must be positive"
  }
}
check "positive" {
  assert {
    condition     = var.n < 100
    error_message = "too big"
  }
}
