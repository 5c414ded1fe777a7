resource "a$${b}" "c%%{d}" {}
resource "\u00e9\t\u0001 \u00a0" "\U0001F600" {}
x "a$$b" {}
y "100%" "$" {}
z "\\back\nslash" {}
