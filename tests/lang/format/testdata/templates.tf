locals {
  a = "hello ${var.name}!"
  b = "${ var.a }-${ var.b }"
  c = "%{ if var.x }yes%{ else }no%{ endif }"
  d = "%{~ for i in var.list ~}${ i },%{~ endfor ~}"
  e = "escaped $${not} %%{not}"
  f = "${ {a=1} }"
  g = "${var.x   +   1}"
  h = "${~ var.y ~}"
  i = "unicode é ü ${var.z}"
  j = "\n\t\"quoted\"\\"
  k = ""
}
