port = 70000
