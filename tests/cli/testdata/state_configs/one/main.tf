# One terraform_data "a": the state the moved-object cases plan against.
resource "terraform_data" "a" {
  input = "x"
}
