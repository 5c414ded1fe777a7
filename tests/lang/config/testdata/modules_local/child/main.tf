output "c" {}

module "g" {
  source = "./grand"
}
