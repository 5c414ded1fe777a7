resource "terraform_data" "tainted" {
  input = "t"
}

resource "terraform_data" "requested" {
  input = "r"

  lifecycle {
    create_before_destroy = true
  }
}

resource "terraform_data" "kept" {
  input = sensitive("hidden")
}

output "kept" {
  value     = terraform_data.kept.output
  sensitive = true
}
