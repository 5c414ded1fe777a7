// Terraform's string functions (format and formatlist are in format.cc; regex, regexall and
// replace in regex.cc):
// chomp, endswith, indent, join, lower, split, startswith, strcontains, strrev, substr,
// title, trim, trimprefix, trimspace, trimsuffix, upper.

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/utf8.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

constexpr char kWholeNumber[] =
    "value must be a whole number, between -9223372036854775808 and 9223372036854775807";

Param Str(std::string name) { return Param{std::move(name), Type::String()}; }

BodyResult StrResult(std::string s) { return {Value::String(std::move(s)), std::nullopt}; }
BodyResult BoolResult(bool b) { return {Value::Bool(b), std::nullopt}; }

/// Maps every rune through `f` (Go's strings.Map with a simple case mapping).
std::string MapRunes(std::string_view s, UChar32 (*f)(UChar32)) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::Decode(s, i);
    utf8::Append(out, static_cast<char32_t>(f(static_cast<UChar32>(d.rune))));
    i += d.size;
  }
  return out;
}

/// The byte offsets where `s`'s extended grapheme clusters start, plus s.size() (cty counts
/// and slices strings by grapheme clusters).
std::vector<size_t> GraphemeBounds(const std::string& s) {
  std::vector<size_t> bounds;
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
  UBreakIterator* it = ubrk_open(UBRK_CHARACTER, nullptr, nullptr, 0, &status);
  if (U_SUCCESS(status)) {
    ubrk_setUText(it, text, &status);
    for (int32_t b = ubrk_first(it); b != UBRK_DONE; b = ubrk_next(it)) {
      bounds.push_back(static_cast<size_t>(b));
    }
  }
  if (it) ubrk_close(it);
  if (text) utext_close(text);
  if (bounds.empty() || bounds.front() != 0) bounds.insert(bounds.begin(), 0);
  if (bounds.back() != s.size()) bounds.push_back(s.size());
  return bounds;
}

/// Go's isSeparator for strings.Title.
bool IsTitleSeparator(char32_t r) {
  if (r <= 0x7F) {
    if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_') {
      return false;
    }
    return true;
  }
  if (u_isalpha(static_cast<UChar32>(r)) || u_isdigit(static_cast<UChar32>(r))) return false;
  return utf8::IsSpace(r);
}

std::string Title(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t prev = ' ';
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::Decode(s, i);
    char32_t r = d.rune;
    if (IsTitleSeparator(prev)) r = static_cast<char32_t>(u_totitle(static_cast<UChar32>(r)));
    utf8::Append(out, r);
    prev = d.rune;
    i += d.size;
  }
  return out;
}

bool InCutset(char32_t r, std::string_view cutset) {
  for (size_t i = 0; i < cutset.size();) {
    utf8::Decoded d = utf8::Decode(cutset, i);
    if (d.rune == r) return true;
    i += d.size;
  }
  return false;
}

/// Go's strings.Trim (`cutset` runes) or strings.TrimSpace (`cutset` null).
std::string TrimRunes(std::string_view s, const std::string_view* cutset) {
  auto strip = [&](char32_t r) { return cutset ? InCutset(r, *cutset) : utf8::IsSpace(r); };
  size_t start = 0;
  while (start < s.size()) {
    utf8::Decoded d = utf8::Decode(s, start);
    if (!strip(d.rune)) break;
    start += d.size;
  }
  size_t end = s.size();
  while (end > start) {
    size_t b = end - 1;
    while (b > start && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
    utf8::Decoded d = utf8::Decode(s, b);
    if (b + d.size != end || !strip(d.rune)) break;
    end = b;
  }
  return std::string(s.substr(start, end - start));
}

BodyResult Join(const std::vector<Value>& a) {
  if (a.size() < 2) return CallError("at least one list is required");
  const std::string& sep = a[0].AsString();
  std::string out;
  bool first = true;
  for (size_t li = 1; li < a.size(); ++li) {
    const std::vector<Value>& elems = a[li].Elements();
    for (size_t ei = 0; ei < elems.size(); ++ei) {
      if (elems[ei].IsNull()) {
        return ArgError(li, "element " + std::to_string(ei) +
                                " is null; cannot concatenate null values");
      }
      if (!first) out += sep;
      out += elems[ei].AsString();
      first = false;
    }
  }
  return StrResult(std::move(out));
}

BodyResult Split(const std::vector<Value>& a) {
  const std::string& sep = a[0].AsString();
  std::string_view s = a[1].AsString();
  std::vector<Value> parts;
  if (sep.empty()) {
    for (size_t i = 0; i < s.size();) {
      utf8::Decoded d = utf8::Decode(s, i);
      parts.push_back(Value::String(std::string(s.substr(i, d.size))));
      i += d.size;
    }
  } else {
    size_t start = 0;
    for (size_t at; (at = s.find(sep, start)) != std::string_view::npos; start = at + sep.size()) {
      parts.push_back(Value::String(std::string(s.substr(start, at - start))));
    }
    parts.push_back(Value::String(std::string(s.substr(start))));
  }
  return {Value::List(Type::String(), std::move(parts)), std::nullopt};
}

BodyResult Substr(const std::vector<Value>& a) {
  const std::string& s = a[0].AsString();
  std::optional<int64_t> offset = a[1].AsNumber().ToInt64();
  std::optional<int64_t> length = a[2].AsNumber().ToInt64();
  if (!offset || !length) return CallError(kWholeNumber);
  std::vector<size_t> bounds = GraphemeBounds(s);
  int64_t count = static_cast<int64_t>(bounds.size()) - 1;
  int64_t off = *offset;
  int64_t len = *length;
  if (off < 0) {
    off += count;
    if (off < 0) off = 0;
  }
  if (off > count || len == 0) return StrResult("");
  int64_t end = (len < 0 || len > count - off) ? count : off + len;
  return StrResult(s.substr(bounds[off], bounds[end] - bounds[off]));
}

BodyResult Indent(const std::vector<Value>& a) {
  std::optional<int64_t> spaces = a[0].AsNumber().ToInt64();
  if (!spaces) return CallError(kWholeNumber);
  if (*spaces < 0) return CallError("negative indentation " + std::to_string(*spaces));
  std::string pad = "\n" + std::string(static_cast<size_t>(*spaces), ' ');
  std::string out;
  for (char c : a[1].AsString()) {
    if (c == '\n') {
      out += pad;
    } else {
      out += c;
    }
  }
  return StrResult(std::move(out));
}

}  // namespace

void RegisterStringFunctions(BuiltinFunctions& r) {
  const Type S = Type::String();
  const Type B = Type::Bool();
  r.Add({"chomp", {Str("str")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) {
           std::string s = a[0].AsString();
           while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
             if (s.back() == '\n' && s.size() >= 2 && s[s.size() - 2] == '\r') s.pop_back();
             s.pop_back();
           }
           return StrResult(std::move(s));
         }});
  r.Add({"endswith", {Str("str"), Str("suffix")}, std::nullopt, B, nullptr,
         [](const std::vector<Value>& a) {
           return BoolResult(std::string_view(a[0].AsString()).ends_with(a[1].AsString()));
         }});
  r.Add({"indent", {Param{"spaces", Type::Number()}, Str("str")}, std::nullopt, S, nullptr,
         Indent});
  r.Add({"join", {Str("separator")}, Param{"lists", Type::List(Type::String())}, S, nullptr,
         Join});
  r.Add({"lower", {Str("str")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) { return StrResult(MapRunes(a[0].AsString(), u_tolower)); }});
  r.Add({"split", {Str("separator"), Str("str")}, std::nullopt, Type::List(S), nullptr, Split});
  r.Add({"startswith", {Str("str"), Str("prefix")}, std::nullopt, B, nullptr,
         [](const std::vector<Value>& a) {
           return BoolResult(std::string_view(a[0].AsString()).starts_with(a[1].AsString()));
         }});
  r.Add({"strcontains", {Str("str"), Str("substr")}, std::nullopt, B, nullptr,
         [](const std::vector<Value>& a) {
           return BoolResult(a[0].AsString().find(a[1].AsString()) != std::string::npos);
         }});
  r.Add({"strrev", {Str("str")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) {
           const std::string& s = a[0].AsString();
           std::vector<size_t> bounds = GraphemeBounds(s);
           std::string out;
           out.reserve(s.size());
           for (size_t i = bounds.size() - 1; i > 0; --i) {
             out.append(s, bounds[i - 1], bounds[i] - bounds[i - 1]);
           }
           return StrResult(std::move(out));
         }});
  r.Add({"substr", {Str("str"), Param{"offset", Type::Number()}, Param{"length", Type::Number()}},
         std::nullopt, S, nullptr, Substr});
  r.Add({"title", {Str("str")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) { return StrResult(Title(a[0].AsString())); }});
  r.Add({"trim", {Str("str"), Str("cutset")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) {
           std::string_view cutset = a[1].AsString();
           return StrResult(TrimRunes(a[0].AsString(), &cutset));
         }});
  r.Add({"trimprefix", {Str("str"), Str("prefix")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) {
           std::string_view s = a[0].AsString();
           if (s.starts_with(a[1].AsString())) s.remove_prefix(a[1].AsString().size());
           return StrResult(std::string(s));
         }});
  r.Add({"trimspace", {Str("str")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) { return StrResult(TrimRunes(a[0].AsString(), nullptr)); }});
  r.Add({"trimsuffix", {Str("str"), Str("suffix")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) {
           std::string_view s = a[0].AsString();
           if (s.ends_with(a[1].AsString())) s.remove_suffix(a[1].AsString().size());
           return StrResult(std::string(s));
         }});
  r.Add({"upper", {Str("str")}, std::nullopt, S, nullptr,
         [](const std::vector<Value>& a) { return StrResult(MapRunes(a[0].AsString(), u_toupper)); }});
}

}  // namespace cairn::eval::functions
