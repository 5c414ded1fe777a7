# comment
// comment
/* block
comment */
