items = ["x", "y", "z"]
