output "o" {}

module "m" {}

variable "v" {
  validation {}
}

moved {}

import {}

removed {}

resource "terraform_data" "r" {
  lifecycle {
    precondition {
      condition = self.input != null
    }
  }
}
