c = "z.auto.tfvars"
