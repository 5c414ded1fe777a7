region="us-east-1"
instance_count=3
tags={
Name="x"
Team   =   "y"
}
list = [ "a","b" ]
interp = "${var.not_allowed_but_formatted}"
