variable "v" {}

output "bad" {}
