locals {
  a =
