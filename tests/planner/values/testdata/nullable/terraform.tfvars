with_default = null
nullable_default = null
