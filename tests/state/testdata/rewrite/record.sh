# A hand-written state (before.tfstate: unsorted instances, a float key, raw "<" and U+2028,
# odd spacing, step keys out of order) rewritten by Terraform when it removes another resource.
cp before.tfstate terraform.tfstate
terraform state rm -no-color terraform_data.gone >/dev/null
