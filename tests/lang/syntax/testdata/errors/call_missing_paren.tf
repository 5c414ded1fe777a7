locals {
  a = provider::p::f
}
