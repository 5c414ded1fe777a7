"foo" = 1
