#pragma once
/// Frames of the provider plugin protocol (docs/PROVIDER_PROTOCOL.md, "Framing"): every
/// message is `Content-Length: N\r\n\r\n` followed by exactly N bytes of UTF-8 JSON, as the
/// Language Server Protocol frames it. Pure data: no I/O here.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::providers::plugin {

/// The largest frame body either side accepts (64 MiB). A header announcing more is a
/// protocol error: the reader never allocates what a broken peer announces.
inline constexpr size_t kMaxFrameBody = size_t{64} << 20;

/// The longest header section accepted (the header lines and the blank line after them).
inline constexpr size_t kMaxFrameHeader = 1024;

/// `body` framed: `Content-Length: <size>\r\n\r\n<body>`.
std::string EncodeFrame(std::string_view body);

/// Splits a byte stream into frame bodies. Feed bytes as they arrive, then take frames with
/// Next() until it returns nothing. After an error the decoder stays failed (a stream with a
/// broken frame cannot be resynchronized).
///
/// Header rules: lines end with "\r\n"; `Content-Length` (case-insensitive name) is
/// required, a decimal number without sign; other header lines (`Content-Type: ...`) are
/// ignored; a line without a colon is an error.
class FrameDecoder {
 public:
  explicit FrameDecoder(size_t max_body = kMaxFrameBody) : max_body_(max_body) {}

  void Feed(std::string_view bytes) { buffer_.append(bytes); }
  /// The next complete frame's body, or nothing when more bytes are needed or on error.
  std::optional<std::string> Next();

  bool failed() const { return !error_.empty(); }
  /// What was wrong ("frame header has no Content-Length", ...); empty when not failed.
  const std::string& error() const { return error_; }
  /// Bytes received but not yet returned as a frame (a partial frame at end of stream).
  size_t pending() const { return buffer_.size() - start_; }
  /// The first bytes of what is pending, for error messages (at most 80, printable).
  std::string PendingExcerpt() const;

 private:
  bool Fail(std::string message);

  size_t max_body_;
  std::string buffer_;
  size_t start_ = 0;  ///< where the unread part of buffer_ starts
  std::optional<size_t> body_size_;  ///< header parsed, waiting for the body
  std::string error_;
};

}  // namespace cairn::providers::plugin
