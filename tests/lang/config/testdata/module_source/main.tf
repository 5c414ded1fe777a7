module "a" {
  source = "m"
}

module "b" {
  source = var.dir
}

module "c" {
  source = ["./m"]
}

module "d" {
  source    = "./m"
  providers = terraform
}

module "e" {
  source = "./m"
  _ {
    x = 1
  }
  _ {
    x = 2
  }
}
