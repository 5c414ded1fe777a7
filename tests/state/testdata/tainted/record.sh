terraform apply -auto-approve -no-color >/dev/null
terraform taint -no-color 'terraform_data.t[1]' >/dev/null
