variable "k" {
  validation {
    condition     = 1 == 1
    error_message = "x"
  }
}

variable "l" {
  validation {
    condition     = var.other == "x"
    error_message = "x"
  }
}

variable "ok" {
  validation {
    condition     = length(var.ok) > 2 && var.other != ""
    error_message = "Must be longer than 2 characters."
  }
}

variable "other" {
  default = "o"
}
