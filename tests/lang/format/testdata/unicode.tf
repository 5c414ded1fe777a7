locals {
  ü = "x"
  emoji = "🎉 party" # 🎉 comment
  é_long = "é" # c
  zz = "日本語" # jp
  name = "naïve"
}
