resource "terraform_data" "ünï" {
  input = "héllo wörld"
  föo   = "bär"
}
