locals {
  🎉 = 1
}
