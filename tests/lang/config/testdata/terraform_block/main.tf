required_providers {}

terraform {
  required_version = 5
  backend "local" {}
  backend "local" {}
  cloud {}
  foo = 1
}

terraform {
  required_providers {}
  provider_meta {}
  bar {}
}
