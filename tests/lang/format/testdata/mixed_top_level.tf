terraform {}
a=1
bb=2
block {
}
ccc=3
# trailing comment
dddd=4 # c
e=5 // c2
