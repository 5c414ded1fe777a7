#include "lang/eval/functions/base64.h"

#include <cstdint>

namespace cairn::eval::functions {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int DecodeChar(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool IsNewline(char c) { return c == '\n' || c == '\r'; }

}  // namespace

std::string Base64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t n = (static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << 16) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  size_t rest = in.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << 16;
    if (rest == 2) n |= static_cast<uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Go's Encoding.decodeQuantum, one quantum of four symbols at a time.
Base64Decoded Base64Decode(std::string_view src) {
  Base64Decoded out;
  out.bytes.reserve(src.size() / 4 * 3);
  size_t si = 0;
  while (si < src.size()) {
    uint32_t dbuf[4] = {0, 0, 0, 0};
    int dlen = 4;
    bool last = false;
    for (int j = 0; j < 4; ++j) {
      if (si == src.size()) {
        if (j == 0) return out;
        out.corrupt_at = si - static_cast<size_t>(j);
        return out;
      }
      char in = src[si++];
      int v = DecodeChar(in);
      if (v >= 0) {
        dbuf[j] = static_cast<uint32_t>(v);
        continue;
      }
      if (IsNewline(in)) {
        --j;
        continue;
      }
      if (in != '=' || j < 2) {
        out.corrupt_at = si - 1;
        return out;
      }
      if (j == 2) {
        // "==" is expected; the first '=' is consumed.
        while (si < src.size() && IsNewline(src[si])) ++si;
        if (si == src.size()) {
          out.corrupt_at = src.size();
          return out;
        }
        if (src[si] != '=') {
          out.corrupt_at = si - 1;
          return out;
        }
        ++si;
      }
      while (si < src.size() && IsNewline(src[si])) ++si;
      if (si < src.size()) {
        out.corrupt_at = si;  // trailing garbage
        return out;
      }
      dlen = j;
      last = true;
      break;
    }
    uint32_t val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
    out.bytes += static_cast<char>((val >> 16) & 0xFF);
    if (dlen >= 3) out.bytes += static_cast<char>((val >> 8) & 0xFF);
    if (dlen == 4) out.bytes += static_cast<char>(val & 0xFF);
    if (last) break;
  }
  return out;
}

}  // namespace cairn::eval::functions
