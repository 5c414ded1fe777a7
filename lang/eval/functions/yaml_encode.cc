// Terraform's yamlencode: go-cty-yaml's encoder, whose output is go-yaml's (libyaml's) emitter
// with strings double-quoted (literal block style when they hold a newline), other scalars
// plain, empty collections in flow style. The emitter below follows libyaml's writes
// (indentation, line folding at 80 columns, escapes, block scalar hints, `...` after a root
// plain scalar) so the text is byte for byte the same.

#include <string>
#include <string_view>
#include <vector>

#include "lang/base/utf8.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

constexpr int kBestIndent = 2;
constexpr int kBestWidth = 80;

/// Byte length of the UTF-8 sequence starting with `c` (libyaml's width()).
size_t Width(unsigned char c) {
  if ((c & 0x80) == 0x00) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

unsigned char At(std::string_view s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

/// libyaml's is_printable.
bool IsPrintable(std::string_view s, size_t i) {
  unsigned char b = At(s, i), b1 = At(s, i + 1), b2 = At(s, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) ||
         (b > 0xC2 && b < 0xED) || (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

bool IsSpace(std::string_view s, size_t i) { return At(s, i) == ' '; }

/// libyaml's is_break: \r, \n, U+0085, U+2028, U+2029.
bool IsBreak(std::string_view s, size_t i) {
  unsigned char b = At(s, i), b1 = At(s, i + 1), b2 = At(s, i + 2);
  return b == '\r' || b == '\n' || (b == 0xC2 && b1 == 0x85) ||
         (b == 0xE2 && b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9));
}

/// go-yaml's is_bom looks at the start of the value whatever `i` is, so a value starting
/// with a BOM has every character escaped.
bool IsBom(std::string_view s, size_t /*i*/) {
  return At(s, 0) == 0xEF && At(s, 1) == 0xBB && At(s, 2) == 0xBF;
}

/// What libyaml's yaml_emitter_analyze_scalar finds that matters for double-quoted and
/// literal strings.
struct ScalarAnalysis {
  bool multiline = false;
  bool block_allowed = true;
};

ScalarAnalysis Analyze(std::string_view v) {
  ScalarAnalysis a;
  if (v.empty()) {
    a.block_allowed = false;
    return a;
  }
  bool previous_space = false, previous_break = false;
  bool trailing_space = false, space_break = false, special = false;
  for (size_t i = 0; i < v.size();) {
    size_t w = Width(At(v, i));
    if (!IsPrintable(v, i) || IsBom(v, i)) special = true;
    if (IsSpace(v, i)) {
      if (i + w == v.size()) trailing_space = true;
      previous_space = true;
      previous_break = false;
    } else if (IsBreak(v, i)) {
      a.multiline = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    i += w;
  }
  (void)previous_break;
  if (trailing_space || space_break || special) a.block_allowed = false;
  return a;
}

class YamlEmitter {
 public:
  std::string Emit(const Value& root) {
    Node(root, /*root=*/true, /*mapping=*/false, /*simple_key=*/false);
    WriteIndent();  // document end (implicit)
    if (open_ended_) {
      WriteIndicator("...", true, false, false);
      WriteIndent();
    }
    return std::move(out_);
  }

 private:
  void Put(char c) {
    out_ += c;
    ++column_;
  }
  void PutBreak() {
    out_ += '\n';
    column_ = 0;
  }
  /// Copies one character.
  void Write(std::string_view s, size_t* i) {
    size_t w = Width(At(s, *i));
    out_.append(s.substr(*i, w));
    *i += w;
    ++column_;
  }
  void WriteBreak(std::string_view s, size_t* i) {
    if (s[*i] == '\n') {
      PutBreak();
      ++*i;
    } else {
      Write(s, i);
      column_ = 0;
    }
  }
  void WriteIndicator(std::string_view indicator, bool need_whitespace, bool is_whitespace,
                      bool is_indention) {
    if (need_whitespace && !whitespace_) Put(' ');
    out_ += indicator;
    column_ += static_cast<int>(indicator.size());
    whitespace_ = is_whitespace;
    indention_ = indention_ && is_indention;
    open_ended_ = false;
  }
  void WriteIndent() {
    int indent = indent_ >= 0 ? indent_ : 0;
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) PutBreak();
    while (column_ < indent) Put(' ');
    whitespace_ = true;
    indention_ = true;
  }
  void IncreaseIndent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) {
      indent_ = flow ? kBestIndent : 0;
    } else if (!indentless) {
      indent_ += kBestIndent;
    }
  }
  void PopIndent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  void Node(const Value& v, bool root, bool mapping, bool simple_key) {
    root_context_ = root;
    mapping_context_ = mapping;
    simple_key_context_ = simple_key;
    const Type& t = v.type();
    if (v.IsNull()) {
      PlainScalar("null");
    } else if (t.IsBool()) {
      PlainScalar(v.AsBool() ? "true" : "false");
    } else if (t.IsNumber()) {
      PlainScalar(v.AsNumber().ToString());
    } else if (t.IsString()) {
      StringScalar(v.AsString());
    } else if (t.IsMap() || t.IsObject()) {
      Mapping(v);
    } else {
      Sequence(v);
    }
  }

  void KeyNode(std::string_view key, bool simple_key) {
    root_context_ = false;
    mapping_context_ = true;
    simple_key_context_ = simple_key;
    StringScalar(key);
  }

  void PlainScalar(const std::string& text) {
    IncreaseIndent(true, false);
    if (!whitespace_) Put(' ');
    size_t i = 0;
    while (i < text.size()) Write(text, &i);  // numbers, bools and null: no spaces or breaks
    whitespace_ = false;
    indention_ = false;
    if (root_context_) open_ended_ = true;
    PopIndent();
  }

  void StringScalar(std::string_view s) {
    ScalarAnalysis a = Analyze(s);
    bool literal = s.find('\n') != std::string_view::npos && a.block_allowed &&
                   !simple_key_context_;
    IncreaseIndent(true, false);
    if (literal) {
      LiteralScalar(s);
    } else {
      DoubleQuotedScalar(s, !simple_key_context_);
    }
    PopIndent();
  }

  void DoubleQuotedScalar(std::string_view v, bool allow_breaks) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    bool spaces = false;
    WriteIndicator("\"", true, false, false);
    for (size_t i = 0; i < v.size();) {
      if (!IsPrintable(v, i) || IsBom(v, i) || IsBreak(v, i) || v[i] == '"' || v[i] == '\\') {
        size_t w = Width(At(v, i));
        uint32_t r;
        if (w == 1) {
          r = At(v, i) & 0x7F;
        } else if (w == 2) {
          r = At(v, i) & 0x1F;
        } else if (w == 3) {
          r = At(v, i) & 0x0F;
        } else {
          r = At(v, i) & 0x07;
        }
        for (size_t k = 1; k < w; ++k) r = (r << 6) | (At(v, i + k) & 0x3F);
        i += w;
        Put('\\');
        switch (r) {
          case 0x00: Put('0'); break;
          case 0x07: Put('a'); break;
          case 0x08: Put('b'); break;
          case 0x09: Put('t'); break;
          case 0x0A: Put('n'); break;
          case 0x0B: Put('v'); break;
          case 0x0C: Put('f'); break;
          case 0x0D: Put('r'); break;
          case 0x1B: Put('e'); break;
          case 0x22: Put('"'); break;
          case 0x5C: Put('\\'); break;
          case 0x85: Put('N'); break;
          case 0xA0: Put('_'); break;
          case 0x2028: Put('L'); break;
          case 0x2029: Put('P'); break;
          default: {
            int digits;
            if (r <= 0xFF) {
              Put('x');
              digits = 2;
            } else if (r <= 0xFFFF) {
              Put('u');
              digits = 4;
            } else {
              Put('U');
              digits = 8;
            }
            for (int k = (digits - 1) * 4; k >= 0; k -= 4) Put(kHex[(r >> k) & 0x0F]);
          }
        }
        spaces = false;
      } else if (IsSpace(v, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i != 0 && i != v.size() - 1) {
          WriteIndent();
          if (IsSpace(v, i + 1)) Put('\\');
          i += 1;
        } else {
          Write(v, &i);
        }
        spaces = true;
      } else {
        Write(v, &i);
        spaces = false;
      }
    }
    WriteIndicator("\"", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void BlockScalarHints(std::string_view v) {
    if (IsSpace(v, 0) || IsBreak(v, 0)) {
      char hint[2] = {static_cast<char>('0' + kBestIndent), 0};
      WriteIndicator(std::string_view(hint, 1), false, false, false);
    }
    open_ended_ = false;
    const char* chomp = nullptr;
    if (v.empty()) {
      chomp = "-";
    } else {
      size_t i = v.size() - 1;
      while ((At(v, i) & 0xC0) == 0x80) --i;
      if (!IsBreak(v, i)) {
        chomp = "-";
      } else if (i == 0) {
        chomp = "+";
      } else {
        --i;
        while ((At(v, i) & 0xC0) == 0x80) --i;
        if (IsBreak(v, i)) chomp = "+";
      }
    }
    if (chomp != nullptr) WriteIndicator(chomp, false, false, false);
  }

  void LiteralScalar(std::string_view v) {
    WriteIndicator("|", true, false, false);
    BlockScalarHints(v);
    PutBreak();
    indention_ = true;
    whitespace_ = true;
    bool breaks = true;
    for (size_t i = 0; i < v.size();) {
      if (IsBreak(v, i)) {
        WriteBreak(v, &i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) {
          WriteIndent();
          breaks = false;
        }
        Write(v, &i);
        indention_ = false;
      }
    }
  }

  void Mapping(const Value& v) {
    if (v.Length() == 0) {
      FlowEmpty("{", "}");
      return;
    }
    IncreaseIndent(false, false);
    const std::vector<std::string>& keys = v.Keys();
    const std::vector<Value>& values = v.Elements();
    for (size_t i = 0; i < keys.size(); ++i) {
      WriteIndent();
      ScalarAnalysis a = Analyze(keys[i]);
      bool simple = !a.multiline && keys[i].size() <= 128;
      if (simple) {
        KeyNode(keys[i], true);
        WriteIndicator(":", false, false, false);
      } else {
        WriteIndicator("?", true, false, true);
        KeyNode(keys[i], false);
        WriteIndent();
        WriteIndicator(":", true, false, true);
      }
      Node(values[i], false, true, false);
    }
    PopIndent();
  }

  void Sequence(const Value& v) {
    if (v.Length() == 0) {
      FlowEmpty("[", "]");
      return;
    }
    IncreaseIndent(false, mapping_context_ && !indention_);
    for (const Value& e : v.Elements()) {
      WriteIndent();
      WriteIndicator("-", true, false, true);
      Node(e, false, false, false);
    }
    PopIndent();
  }

  void FlowEmpty(const char* open, const char* close) {
    WriteIndicator(open, true, true, false);
    IncreaseIndent(true, false);
    PopIndent();
    WriteIndicator(close, false, false, false);
  }

  std::string out_;
  int column_ = 0;
  int indent_ = -1;
  std::vector<int> indents_;
  bool whitespace_ = true;
  bool indention_ = true;
  bool open_ended_ = false;
  bool root_context_ = false;
  bool mapping_context_ = false;
  bool simple_key_context_ = false;
};

}  // namespace



void RegisterYamlEncodeFunction(BuiltinFunctions& r) {
  r.Add({"yamlencode", {Param{"value", Type::Dynamic(), /*allow_null=*/true}}, std::nullopt,
         Type::String(), nullptr, [](const std::vector<Value>& a) -> BodyResult {
           return {Value::String(YamlEmitter().Emit(a[0])), std::nullopt};
         }});
}

}  // namespace cairn::eval::functions
