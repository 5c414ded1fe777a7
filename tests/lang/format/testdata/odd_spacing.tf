   resource    "a"     "b"    {
        x    =    1
y=2
     z   =    [ 1 ,2 ,    3 ]
  w = {a=1,b=2}
              }
