resource "terraform_data" "a" {
  lifecycle {
    ignore_changes       = [input[0], "triggers_replace", upper(x)]
    replace_triggered_by = [terraform_data.b.id, 1, "x"]
  }
}
resource "terraform_data" "b" {
  lifecycle {
    ignore_changes       = all
    replace_triggered_by = terraform_data.a
  }
}
resource "terraform_data" "c" {
  lifecycle {
    ignore_changes = [all]
  }
}
resource "terraform_data" "d" {
  count = 2
  lifecycle {
    replace_triggered_by = [terraform_data.a[count.index], terraform_data.b]
  }
}
resource "terraform_data" "e" {
  lifecycle {
    replace_triggered_by = [var.x]
  }
}
resource "terraform_data" "f" {
  lifecycle {
    replace_triggered_by = [terraform_data.a.id + terraform_data.b.id]
  }
}
resource "terraform_data" "g" {
  count = 1
  lifecycle {
    replace_triggered_by = [terraform_data.a.input[count.value]]
  }
}
