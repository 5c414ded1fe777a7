variable "svc" {
  type = object({
    name     = string
    port     = optional(number, 80)
    tags     = optional(map(string), {})
    nested   = optional(object({ enabled = optional(bool, true) }), {})
    note     = optional(string)
  })
}
variable "list" {
  type    = list(object({ a = optional(number, 7) }))
  default = [{}, { a = 1 }]
}
output "svc" { value = var.svc }
output "list" { value = var.list }
