svc = { name = "web" }
