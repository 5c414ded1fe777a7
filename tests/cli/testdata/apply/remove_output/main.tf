output "kept" {
  value = "k"
}
