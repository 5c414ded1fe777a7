x = "a ${b} %{ if c }d%{ else }e%{ endif } f"
