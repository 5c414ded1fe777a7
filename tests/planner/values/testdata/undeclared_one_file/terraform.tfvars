other = "x"
