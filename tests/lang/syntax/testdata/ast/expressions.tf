ops = 1 + 2 * 3 - 4 / 5 % 6
cmp = a < b || c >= d && e == f != g
un = -a.b + !c
cond = a ? b : c ? d : e
par = (1 + 2) * 3
neg = -46 + 5
num = 1.5e3
