# Two instances, one of them tainted afterwards (record.sh).
resource "terraform_data" "t" {
  count = 2
  input = count.index
}
