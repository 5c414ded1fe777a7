variable "secret" {
  default   = "pw"
  sensitive = true
}
variable "flag" {
  default = null
}
variable "word" {
  default = "maybe"
}
output "sens" {
  value = "x"
  precondition {
    condition     = var.flag != null
    error_message = "bad ${var.secret}"
  }
}
output "nullcond" {
  value = "y"
  precondition {
    condition     = var.flag
    error_message = "flag"
  }
}
output "notbool" {
  value = "z"
  precondition {
    condition     = var.word
    error_message = "x"
  }
}
output "badmsg" {
  value = "w"
  precondition {
    condition     = var.flag != null
    error_message = { a = var.word }
  }
}
output "trimmed" {
  value = "v"
  precondition {
    condition     = var.word == "no"
    error_message = <<-EOT

      The word was ${var.word}.

    EOT
  }
}
