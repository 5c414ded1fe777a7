provider "my_cloud" {}

provider "-x" {}

provider "a--b" {}

resource "terraform_data" "r" {
  provider = my_cloud.east
}
