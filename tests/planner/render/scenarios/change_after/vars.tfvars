name = "n1"
secret = "changed"
