a = b.c[0].*.d
e = f[*].g
h = i.0.j
