locals {
  a = (1 +
