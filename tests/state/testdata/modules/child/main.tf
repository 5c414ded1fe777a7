variable "name" {
  type = string
}

resource "terraform_data" "here" {
  input = var.name
}

module "grandchild" {
  source = "./grandchild"
  count  = 2
  name   = "${var.name}/${count.index}"
}

output "id" {
  value = terraform_data.here.id
}
