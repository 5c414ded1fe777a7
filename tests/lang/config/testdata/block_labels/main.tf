resource "terraform_data" {}
variable {}
variable "a" "b" {}
locals "x" {}
output {}
module {}
data "x" {}
provider {}
check {}
moved "x" {}
import "y" {}
removed "z" {}
ephemeral "e" {}
terraform "x" {}
