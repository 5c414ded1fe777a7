run "test" {
  command = plan
  variables {
    x = 1
  }
  assert {
    condition = output.y == 2
    error_message = "nope"
  }
  expect_failures = [ var.x ]
}
