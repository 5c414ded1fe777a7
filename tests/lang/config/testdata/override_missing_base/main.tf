variable "present" {}

provider "terraform" {}
