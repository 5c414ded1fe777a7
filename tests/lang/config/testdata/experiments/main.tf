terraform {
  experiments = [foo]
}

terraform {
  language = TF2021
}
