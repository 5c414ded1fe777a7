# state show decodes attributes with the provider's schema: strings, numbers, bools, nested
# objects, lists, maps, sensitive values (whole attribute and nested), null and multi-line
# strings.
variable "secret" {
  default   = "hunter2"
  sensitive = true
}

resource "terraform_data" "nested" {
  input = {
    name  = "x"
    n     = 1.5
    ok    = true
    list  = ["a", "b"]
    map   = { k = "v", "with space" = 2 }
    empty = {}
    none  = null
    text  = "line one\nline two\n"
  }
}

resource "terraform_data" "secret" {
  input = var.secret
}

resource "terraform_data" "partly" {
  input = {
    public = "p"
    hidden = sensitive("h")
  }
  triggers_replace = ["t1", 2]
}

resource "terraform_data" "empty" {
}

module "m" {
  source = "./mod"
  count  = 2
}

output "plain" {
  value = terraform_data.nested.output
}

output "hidden" {
  value     = var.secret
  sensitive = true
}

output "from_module" {
  value = module.m[*].out
}
