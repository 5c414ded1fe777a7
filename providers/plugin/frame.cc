#include "providers/plugin/frame.h"

#include <cctype>

namespace cairn::providers::plugin {

std::string EncodeFrame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

bool FrameDecoder::Fail(std::string message) {
  error_ = std::move(message);
  return false;
}

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string FrameDecoder::PendingExcerpt() const {
  std::string out;
  for (size_t i = start_; i < buffer_.size() && out.size() < 80; ++i) {
    unsigned char c = static_cast<unsigned char>(buffer_[i]);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      out += '?';
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::optional<std::string> FrameDecoder::Next() {
  if (failed()) return std::nullopt;
  if (!body_size_) {
    std::string_view rest(buffer_.data() + start_, buffer_.size() - start_);
    size_t end = rest.find("\r\n\r\n");
    if (end == std::string_view::npos) {
      if (rest.size() > kMaxFrameHeader) {
        Fail("frame header longer than " + std::to_string(kMaxFrameHeader) +
             " bytes without an empty line (expected \"Content-Length: N\\r\\n\\r\\n\")");
      }
      return std::nullopt;
    }
    if (end + 4 > kMaxFrameHeader) {
      Fail("frame header longer than " + std::to_string(kMaxFrameHeader) + " bytes");
      return std::nullopt;
    }
    std::string_view header = rest.substr(0, end);
    std::optional<size_t> length;
    while (true) {
      size_t eol = header.find("\r\n");
      std::string_view line = header.substr(0, eol);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) {
        Fail("frame header line \"" + std::string(line.substr(0, 60)) +
             "\" is not \"Name: value\" (expected \"Content-Length: N\\r\\n\\r\\n\")");
        return std::nullopt;
      }
      if (EqualsIgnoreCase(Trim(line.substr(0, colon)), "Content-Length")) {
        std::string_view digits = Trim(line.substr(colon + 1));
        if (digits.empty() || digits.size() > 19) {
          Fail("invalid Content-Length \"" + std::string(digits.substr(0, 30)) + "\"");
          return std::nullopt;
        }
        size_t n = 0;
        for (char c : digits) {
          if (c < '0' || c > '9') {
            Fail("invalid Content-Length \"" + std::string(digits) + "\"");
            return std::nullopt;
          }
          n = n * 10 + static_cast<size_t>(c - '0');
        }
        length = n;
      }
      if (eol == std::string_view::npos) break;
      header.remove_prefix(eol + 2);
    }
    if (!length) {
      Fail("frame header has no Content-Length");
      return std::nullopt;
    }
    if (*length > max_body_) {
      Fail("frame of " + std::to_string(*length) + " bytes is larger than the limit of " +
           std::to_string(max_body_) + " bytes");
      return std::nullopt;
    }
    body_size_ = *length;
    start_ += end + 4;
  }
  if (buffer_.size() - start_ < *body_size_) return std::nullopt;
  std::string body = buffer_.substr(start_, *body_size_);
  start_ += *body_size_;
  body_size_.reset();
  // Drop consumed bytes once they dominate, keeping Feed amortized linear.
  if (start_ > 4096 && start_ * 2 > buffer_.size()) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  return body;
}

}  // namespace cairn::providers::plugin
