variable "v" {
  type    = number
  default = 0
}
output "long" { value = [[1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 40, 5, 6, 7, 80]][var.v] }
output "width" { value = [{ a = 1, very_long_key = "x" }, { a = 2, very_long_key = "x" }][var.v] }
output "addrm" { value = [{ a = 1, gone = "g" }, { a = 1, added = [1] }][var.v] }
output "objs" { value = [[{ n = 1 }, { n = 2 }], [{ n = 1 }, { n = 3 }]][var.v] }
output "map" { value = [tomap({ x = "1", y = "2" }), tomap({ x = "1", y = "3" })][var.v] }
output "nested" { value = [{ l = [1, 2] }, { l = [1, 3] }][var.v] }
output "retyped" { value = [["x"], "x"][var.v] }
output "shrunk" { value = [[1, 2, 3, 4, 5], [2, 3]][var.v] }
output "grown" { value = [[], ["a", "b"]][var.v] }
output "to_unknown" { value = [{ a = 1 }, { a = timestamp() }][var.v] }
