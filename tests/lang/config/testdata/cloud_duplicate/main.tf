terraform {
  cloud {}
}
terraform {
  cloud {}
}
