#pragma once
/// Reading a large JSON document without a DOM: a forward-only cursor over text that
/// CheckJsonSyntax has accepted. Internal to state/ (the state file's resources).

#include <cctype>
#include <cstring>
#include <string>
#include <string_view>

#include "lang/base/go_json_syntax.h"

namespace cairn::state {

inline bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Go's encoding/json matches object keys to struct fields without regard to case.
inline bool FieldIs(std::string_view key, std::string_view field) {
  if (key.size() != field.size()) return false;
  if (key == field) return true;  // as Terraform writes it
  for (size_t i = 0; i < key.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(key[i])) != field[i]) return false;
  }
  return true;
}

/// The kind of the JSON value whose first byte is `c`.
inline JsonKind KindOf(char c) {
  switch (c) {
    case '{':
      return JsonKind::kObject;
    case '[':
      return JsonKind::kArray;
    case '"':
      return JsonKind::kString;
    case 't':
    case 'f':
      return JsonKind::kBool;
    case 'n':
      return JsonKind::kNull;
    default:
      return JsonKind::kNumber;
  }
}

/// A forward-only reader over a JSON text already checked by CheckJsonSyntax (so it never
/// meets an error): members and elements one by one, values skipped (strings found with
/// memchr), strings decoded into reused buffers, and values copied out compacted as Go's
/// json.Compact with HTML escaping does (what json.Marshal does to a RawMessage).
class JsonCursor {
 public:
  explicit JsonCursor(std::string_view s) : s_(s) {}

  void SkipSpace() {
    while (pos_ < s_.size() && IsJsonSpace(s_[pos_])) ++pos_;
  }
  JsonKind PeekKind() {
    SkipSpace();
    return KindOf(s_[pos_]);
  }
  /// Consumes the `{` or `[` at the cursor.
  void Open() {
    SkipSpace();
    ++pos_;
  }
  /// The next member's key (decoded), leaving the cursor at its value; false (and the closing
  /// brace consumed) at the end of the object.
  bool NextMember(std::string& key) {
    SkipSpace();
    if (s_[pos_] == ',') {
      ++pos_;
      SkipSpace();
    }
    if (s_[pos_] == '}') {
      ++pos_;
      return false;
    }
    ReadString(key);
    SkipSpace();
    ++pos_;  // ':'
    SkipSpace();
    return true;
  }
  /// Whether another array element follows (the cursor then at it); false (and the closing
  /// bracket consumed) at the end of the array.
  bool NextElement() {
    SkipSpace();
    if (s_[pos_] == ',') {
      ++pos_;
      SkipSpace();
    }
    if (s_[pos_] == ']') {
      ++pos_;
      return false;
    }
    return true;
  }
  /// The value at the cursor, skipped.
  JsonSpan Take() {
    SkipSpace();
    size_t begin = pos_;
    JsonKind kind = KindOf(s_[begin]);
    Skip();
    return JsonSpan{kind, s_.substr(begin, pos_ - begin)};
  }
  /// The string at the cursor, decoded.
  std::string ReadString() {
    std::string out;
    ReadString(out);
    return out;
  }
  /// The string at the cursor, decoded into `out` (its capacity reused).
  void ReadString(std::string& out) {
    SkipSpace();
    size_t begin = pos_;
    ++pos_;
    bool escaped = false;
    for (;;) {
      char c = s_[pos_];
      if (c == '"') break;
      if (c == '\\') {
        escaped = true;
        pos_ += 2;
      } else {
        ++pos_;
      }
    }
    ++pos_;
    if (!escaped) {
      out.assign(s_.substr(begin + 1, pos_ - begin - 2));
    } else {
      out = JsonStringValue(JsonSpan{JsonKind::kString, s_.substr(begin, pos_ - begin)});
    }
  }
  /// Appends the value at the cursor as Go's json.Compact with HTML escaping (what
  /// json.Marshal does to a RawMessage), and skips it.
  void AppendCompact(std::string& out) {
    SkipSpace();
    if (s_[pos_] != '{' && s_[pos_] != '[') {
      AppendScalarCompact(out);
      return;
    }
    // Copies runs of bytes between the places that change: whitespace to drop, characters
    // inside strings to escape.
    const char* p = s_.data() + pos_;
    const char* const end = s_.data() + s_.size();
    const char* run = p;
    int depth = 0;
    for (;;) {
      const char c = *p;
      if (c == '"') {
        for (++p;;) {
          const char d = *p;
          if (d == '"') {
            ++p;
            break;
          }
          if (d == '\\') {
            p += 2;
            continue;
          }
          const char* escape = nullptr;
          size_t len = 1;
          if (d == '<') {
            escape = "\\u003c";
          } else if (d == '>') {
            escape = "\\u003e";
          } else if (d == '&') {
            escape = "\\u0026";
          } else if (d == '\xE2' && end - p > 2 && p[1] == '\x80' &&
                     (p[2] == '\xA8' || p[2] == '\xA9')) {
            escape = p[2] == '\xA8' ? "\\u2028" : "\\u2029";
            len = 3;
          }
          if (escape) {
            out.append(run, p);
            out.append(escape);
            p += len;
            run = p;
          } else {
            ++p;
          }
        }
        continue;
      }
      if (IsJsonSpace(c)) {
        out.append(run, p);
        while (p < end && IsJsonSpace(*p)) ++p;
        run = p;
        continue;
      }
      ++p;
      if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        break;
      }
    }
    out.append(run, p);
    pos_ = static_cast<size_t>(p - s_.data());
  }
  void AppendScalarCompact(std::string& out) {
    if (s_[pos_] == '"') {
      AppendStringCompact(out);
      return;
    }
    while (pos_ < s_.size() && !IsJsonSpace(s_[pos_]) && s_[pos_] != ',' && s_[pos_] != '}' &&
           s_[pos_] != ']' && s_[pos_] != ':') {
      out.push_back(s_[pos_++]);
    }
  }

 private:
  void Skip() {
    char c = s_[pos_];
    if (c == '"') {
      SkipString();
      return;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (pos_ < s_.size()) {
        char d = s_[pos_];
        if (d == '"') {
          SkipString();
          continue;
        }
        ++pos_;
        if (d == '{' || d == '[') {
          ++depth;
        } else if (d == '}' || d == ']') {
          if (--depth == 0) return;
        }
      }
      return;
    }
    while (pos_ < s_.size() && !IsJsonSpace(s_[pos_]) && s_[pos_] != ',' && s_[pos_] != '}' &&
           s_[pos_] != ']' && s_[pos_] != ':') {
      ++pos_;
    }
  }
  void SkipString() {
    ++pos_;
    for (;;) {
      const char* p =
          static_cast<const char*>(std::memchr(s_.data() + pos_, '"', s_.size() - pos_));
      size_t quote = static_cast<size_t>(p - s_.data());
      // The quote closes the string unless an odd number of backslashes precede it.
      size_t backslashes = 0;
      while (quote - backslashes > pos_ && s_[quote - backslashes - 1] == '\\') ++backslashes;
      pos_ = quote + 1;
      if (backslashes % 2 == 0) return;
    }
  }
  void AppendStringCompact(std::string& out) {
    out.push_back('"');
    ++pos_;
    for (;;) {
      char d = s_[pos_];
      if (d == '\\') {
        out.push_back(d);
        out.push_back(s_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      ++pos_;
      if (d == '"') break;
      if (d == '<') {
        out += "\\u003c";
      } else if (d == '>') {
        out += "\\u003e";
      } else if (d == '&') {
        out += "\\u0026";
      } else if (d == '\xE2' && pos_ + 1 < s_.size() && s_[pos_] == '\x80' &&
                 (s_[pos_ + 1] == '\xA8' || s_[pos_ + 1] == '\xA9')) {
        out += s_[pos_ + 1] == '\xA8' ? "\\u2028" : "\\u2029";
        pos_ += 2;
      } else {
        out.push_back(d);
      }
    }
    out.push_back('"');
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace cairn::state
