# only a comment
   # indented comment
// slash comment
