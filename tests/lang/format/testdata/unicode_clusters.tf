locals {
  a = "👩‍👩‍👧" # zwj family
  bb = "🇩🇪🇫🇷" # flags
  c = "e\u0301" # escaped
  d = "é" # combining acute
  e = "한국어" # hangul
  f = "नमस्ते" # devanagari
  g = "👍🏽" # skin tone
  h = "x" # plain
}
