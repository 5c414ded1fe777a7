n      = "abc"
l      = [1, "x", 3]
secret = "hunter2"
obj    = { a = "x" }
