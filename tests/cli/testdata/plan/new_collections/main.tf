output "empty" {
  value = []
}

output "list" {
  value = [1, "a", null]
}

output "obj" {
  value = {
    a  = 1
    bb = [true]
    m  = tomap({ k = "v" })
  }
}

output "text" {
  value = "multi\nline\n"
}
