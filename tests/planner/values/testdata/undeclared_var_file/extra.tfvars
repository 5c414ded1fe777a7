a = 2
stray = 3
