f = provider::p::fn(a, b...)
