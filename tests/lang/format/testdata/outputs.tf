output "id" {
  value = "${aws_instance.web.id}"
  description = "the id"
  sensitive = true
  depends_on = [ aws_instance.web ]
  precondition {
    condition = length(var.x) > 0
    error_message = "x"
  }
}
