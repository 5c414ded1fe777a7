output "str" { value = "hello <&> world" }
output "num" { value = 3.5 }
output "big" { value = 12345678901234567890 }
output "bool" { value = true }
output "nul" { value = null }
output "secret" {
  value     = "s3cr3t"
  sensitive = true
}
output "list" { value = tolist(["a", "b"]) }
output "set" { value = toset(["b", "a"]) }
output "map" { value = tomap({ x = 1, y = 2 }) }
output "tuple" { value = [1, "x", true] }
output "obj" { value = { a = 1, b = [true, false], c = { d = null } } }
output "multi" { value = "a\nb\n" }
output "empty_list" { value = [] }
output "empty_obj" { value = {} }
output "nested_secret" { 
  value = { a = "x" }
  sensitive = true
}
