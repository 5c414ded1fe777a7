foo {}

resources "terraform_data" "a" {}

variables "x" {}

Output "o" {
  value = 1
}
