block a b { c = 1 }
