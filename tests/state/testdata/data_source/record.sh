mkdir other && cat >other/main.tf <<'TF'
output "greeting" {
  value = "hello"
}
TF
(cd other && terraform apply -auto-approve -no-color >/dev/null)
cp other/terraform.tfstate other.tfstate
rm -rf other
terraform apply -auto-approve -no-color >/dev/null
