resource "aws_instance" "web" {
  ami = "ami-1"
  instance_type = "t2.micro"
  associate_public_ip_address = true
  availability_zone = "us-east-1a"
  key_name = "k"
  vpc_security_group_ids = ["sg-1"] # trailing
  subnet_id = "subnet-1" # another trailing
  user_data = file("x") # third
  ebs_optimized = false
  monitoring = true # c
  x = 1 # c
  root_block_device {
    volume_size = 10
    volume_type = "gp2" # ok
    delete_on_termination = true
  }
  tags = {
    Name = "web"
    Environment = "production" # env
    Owner = "team" # owner
  }
  tenancy = "default"
}
