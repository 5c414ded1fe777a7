known = 2
zeta  = 1
alpha = 2
mid   = 3
