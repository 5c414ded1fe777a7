# terraform_data.keep as the hand-written before.tfstate has it (see record.sh).
resource "terraform_data" "keep" {
  count = 3
}
