variable "env" { default = "prod" }
variable "replicas" { default = 1 }
output "ok" {
  value = var.env
  precondition {
    condition     = var.env != ""
    error_message = "env must be set"
  }
}
output "bad" {
  value = var.replicas
  precondition {
    condition     = var.env != "prod" || var.replicas >= 2
    error_message = "A prod service needs at least 2 replicas (got ${var.replicas})."
  }
}
output "depends" {
  value      = var.env
  depends_on = [var.replicas]
}
