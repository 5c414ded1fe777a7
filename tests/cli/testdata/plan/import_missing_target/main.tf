import {
  to = terraform_data.missing
  id = "x"
}
