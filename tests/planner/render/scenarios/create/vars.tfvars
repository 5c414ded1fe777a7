name = "n1"
secret = "s3cr3t"
