b = "cairn.tfvars"
c = "cairn.tfvars"
