moved {
from = aws_instance.a
to = aws_instance.b
}
import {
to = aws_instance.c
id = "i-123"
}
removed {
from = aws_instance.d
lifecycle {
destroy = false
}
}
check "health" {
assert {
condition = data.http.x.status_code == 200
error_message = "bad"
}
}
