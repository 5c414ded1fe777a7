// Terraform's regular-expression string functions: regex, regexall and replace (whose
// `/pattern/` form is a regular expression). Patterns have Go's regexp syntax and
// leftmost-first semantics; RE2 is the engine Go's regexp was ported from, so the two agree
// on syntax and matches. What differs is translated here: Go's `(?<name>` group syntax, Go's
// error texts, and the empty-match rules of Go's FindAll and ReplaceAll.

#include <re2/re2.h>
#include <unicode/uchar.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/base/utf8.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

/// Go's regexp/syntax ErrorCode text for an RE2 error code.
std::string GoErrorCode(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case RE2::ErrorBadCharClass:
      return "invalid character class";
    case RE2::ErrorBadCharRange:
      return "invalid character class range";
    case RE2::ErrorMissingBracket:
      return "missing closing ]";
    case RE2::ErrorMissingParen:
      return "missing closing )";
    case RE2::ErrorUnexpectedParen:
      return "unexpected )";
    case RE2::ErrorTrailingBackslash:
      return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "regexp/syntax: internal error";
  }
}

/// A pattern compiled with Go's regexp semantics, or the parse error Go would report
/// (`code` as Go's ErrorCode text, `expr` the offending part of the pattern).
struct GoRegexp {
  std::unique_ptr<RE2> re;
  std::string code;
  std::string expr;

  bool ok() const { return re != nullptr; }
  /// Go's *syntax.Error text ("error parsing regexp: CODE: `EXPR`").
  std::string GoError() const { return "error parsing regexp: " + code + ": `" + expr + "`"; }
};

/// Rewrites Go's `(?<name>` groups (which this RE2 does not know) as `(?P<name>`, skipping
/// escapes and character classes. `inserted` receives the offsets (in the result) of the
/// inserted `P`s, so that error texts can be mapped back; `any_byte` is set when the pattern
/// uses `\C`, which RE2 accepts and Go rejects.
std::string TranslateNamedGroups(std::string_view p, std::vector<size_t>& inserted,
                                 bool& any_byte) {
  std::string out;
  out.reserve(p.size() + 4);
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      if (p[i + 1] == 'C') any_byte = true;
      out += c;
      out += p[++i];
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {
        size_t end = p.find(":]", i + 2);
        if (end != std::string_view::npos) {
          out.append(p.substr(i, end + 2 - i));
          i = end + 1;
          continue;
        }
      }
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal.
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (c == '(' && p.substr(i).starts_with("(?<")) {
      out += "(?";
      inserted.push_back(out.size());
      out += "P<";
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

GoRegexp CompileGo(std::string_view pattern) {
  std::vector<size_t> inserted;
  bool any_byte = false;
  std::string translated = TranslateNamedGroups(pattern, inserted, any_byte);
  GoRegexp out;
  if (any_byte) {
    out.code = GoErrorCode(RE2::ErrorBadEscape);
    out.expr = "\\C";
    return out;
  }
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(translated, options);
  if (re->ok()) {
    out.re = std::move(re);
    return out;
  }
  out.code = GoErrorCode(re->error_code());
  out.expr = re->error_arg();
  if (!inserted.empty()) {
    // Map the offending part back to the pattern as written: drop the `P`s we inserted.
    size_t at = translated.find(out.expr);
    if (at != std::string::npos) {
      std::string original;
      for (size_t i = 0; i < out.expr.size(); ++i) {
        bool ours = false;
        for (size_t pos : inserted) ours = ours || pos == at + i;
        if (!ours) original += out.expr[i];
      }
      out.expr = std::move(original);
    }
  }
  return out;
}

/// The byte offsets of a match: [start, end) of the whole match, then of each group
/// (-1, -1 for a group that did not participate), as Go's FindStringSubmatchIndex.
using MatchIndex = std::vector<int64_t>;

/// Go's doExecute: the first match starting at or after `pos` (context before `pos` counts
/// for `^` and `\b`), with `groups` capture groups.
std::optional<MatchIndex> MatchAt(const RE2& re, std::string_view text, size_t pos,
                                  int groups) {
  std::vector<re2::StringPiece> sub(static_cast<size_t>(groups) + 1);
  if (!re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED,
                sub.data(), groups + 1)) {
    return std::nullopt;
  }
  MatchIndex index;
  index.reserve(sub.size() * 2);
  for (const re2::StringPiece& s : sub) {
    if (s.data() == nullptr) {
      index.push_back(-1);
      index.push_back(-1);
    } else {
      int64_t start = s.data() - text.data();
      index.push_back(start);
      index.push_back(start + static_cast<int64_t>(s.size()));
    }
  }
  return index;
}

/// Go's FindAllStringSubmatchIndex(text, -1): non-overlapping matches, where an empty match
/// right after the previous match does not count.
std::vector<MatchIndex> MatchAll(const RE2& re, std::string_view text) {
  std::vector<MatchIndex> out;
  const int groups = re.NumberOfCapturingGroups();
  int64_t prev_end = -1;
  for (size_t pos = 0; pos <= text.size();) {
    std::optional<MatchIndex> m = MatchAt(re, text, pos, groups);
    if (!m) break;
    bool accept = true;
    if ((*m)[1] == static_cast<int64_t>(pos)) {
      if ((*m)[0] == prev_end) accept = false;
      pos += pos < text.size() ? utf8::Decode(text, pos).size : 1;
    } else {
      pos = static_cast<size_t>((*m)[1]);
    }
    prev_end = (*m)[1];
    if (accept) out.push_back(std::move(*m));
  }
  return out;
}

/// cty's regexPatternResultType: a string without groups, a tuple of strings for unnamed
/// groups, an object of strings for named ones.
std::optional<Type> ResultType(const RE2& re) {
  const int groups = re.NumberOfCapturingGroups();
  const std::map<int, std::string>& names = re.CapturingGroupNames();
  if (groups == 0) return Type::String();
  if (names.empty()) return Type::Tuple(std::vector<Type>(static_cast<size_t>(groups), Type::String()));
  if (static_cast<int>(names.size()) != groups) return std::nullopt;
  std::vector<std::pair<std::string, Type>> attrs;
  for (const auto& [index, name] : names) attrs.emplace_back(name, Type::String());
  return Type::Object(std::move(attrs));
}

constexpr char kMixedGroups[] =
    "invalid regexp pattern: cannot mix both named and unnamed capture groups";

/// The pattern's result type, or the argument error cty's regex functions report for it.
struct PatternType {
  std::optional<Type> type;
  std::string error;
};

PatternType CheckPattern(const GoRegexp& re) {
  if (!re.ok()) return {std::nullopt, "invalid regexp pattern: " + re.code + " in " + re.expr};
  std::optional<Type> t = ResultType(*re.re);
  if (!t) return {std::nullopt, kMixedGroups};
  return {t, ""};
}

Value MatchValue(const RE2& re, std::string_view text, const MatchIndex& m, const Type& type) {
  auto part = [&](size_t group) {
    if (m[group * 2] < 0) return Value::Null(Type::String());
    return Value::String(
        std::string(text.substr(static_cast<size_t>(m[group * 2]),
                                static_cast<size_t>(m[group * 2 + 1] - m[group * 2]))));
  };
  if (type.IsString()) return part(0);
  const int groups = re.NumberOfCapturingGroups();
  if (type.IsTuple()) {
    std::vector<Value> items;
    items.reserve(static_cast<size_t>(groups));
    for (int g = 1; g <= groups; ++g) items.push_back(part(static_cast<size_t>(g)));
    return Value::Tuple(std::move(items));
  }
  std::vector<std::pair<std::string, Value>> attrs;
  for (const auto& [index, name] : re.CapturingGroupNames()) {
    attrs.emplace_back(name, part(static_cast<size_t>(index)));
  }
  return Value::Object(std::move(attrs));
}

Type RegexType(const std::vector<Value>& a) {
  if (!a[0].IsKnown()) return Type::Dynamic();
  PatternType t = CheckPattern(CompileGo(a[0].AsString()));
  return t.type ? *t.type : Type::Dynamic();
}

BodyResult Regex(const std::vector<Value>& a) {
  if (!a[0].IsKnown()) return {Value::DynamicUnknown(), std::nullopt};
  GoRegexp re = CompileGo(a[0].AsString());
  PatternType t = CheckPattern(re);
  if (!t.type) return ArgError(0, t.error);
  if (!a[1].IsKnown()) return {Value::Unknown(*t.type).RefineNotNull(), std::nullopt};
  const std::string& text = a[1].AsString();
  std::optional<MatchIndex> m = MatchAt(*re.re, text, 0, re.re->NumberOfCapturingGroups());
  if (!m) return CallError("pattern did not match any part of the given string");
  return {MatchValue(*re.re, text, *m, *t.type), std::nullopt};
}

Type RegexAllType(const std::vector<Value>& a) { return Type::List(RegexType(a)); }

BodyResult RegexAll(const std::vector<Value>& a) {
  if (!a[0].IsKnown()) return {Value::Unknown(Type::List(Type::Dynamic())), std::nullopt};
  GoRegexp re = CompileGo(a[0].AsString());
  PatternType t = CheckPattern(re);
  if (!t.type) return ArgError(0, t.error);
  if (!a[1].IsKnown()) return {Value::Unknown(Type::List(*t.type)).RefineNotNull(), std::nullopt};
  const std::string& text = a[1].AsString();
  std::vector<Value> items;
  for (const MatchIndex& m : MatchAll(*re.re, text)) {
    items.push_back(MatchValue(*re.re, text, m, *t.type));
  }
  return {Value::List(*t.type, std::move(items)), std::nullopt};
}

/// Go's regexp extract: a `$name` or `${name}` reference at the start of `s`; nullopt when
/// malformed. `num` is the group number, or -1 for a name.
struct TemplateRef {
  std::string name;
  int num = -1;
  size_t length = 0;  ///< bytes of `s` consumed
};

std::optional<TemplateRef> ExtractRef(std::string_view s) {
  if (s.empty()) return std::nullopt;
  size_t start = 0;
  bool brace = s[0] == '{';
  if (brace) start = 1;
  size_t i = start;
  while (i < s.size()) {
    utf8::Decoded d = utf8::Decode(s, i);
    UChar32 r = static_cast<UChar32>(d.rune);
    bool letter = (U_GET_GC_MASK(r) & U_GC_L_MASK) != 0;
    if (!letter && u_charType(r) != U_DECIMAL_DIGIT_NUMBER && r != '_') break;
    i += d.size;
  }
  if (i == start) return std::nullopt;
  TemplateRef ref;
  ref.name = std::string(s.substr(start, i - start));
  if (brace) {
    if (i >= s.size() || s[i] != '}') return std::nullopt;
    ++i;
  }
  ref.length = i;
  int num = 0;
  for (char c : ref.name) {
    if (c < '0' || c > '9' || num >= 100000000) {
      num = -1;
      break;
    }
    num = num * 10 + (c - '0');
  }
  if (ref.name[0] == '0' && ref.name.size() > 1) num = -1;
  ref.num = num;
  return ref;
}

/// Go's Regexp.expand: `template` with `$n`, `${n}`, `$name`, `${name}` replaced by the
/// groups of match `m` of `src`, and `$$` by `$`.
void Expand(std::string& dst, std::string_view tmpl, const RE2& re, std::string_view src,
            const MatchIndex& m) {
  auto append_group = [&](size_t g) {
    if (2 * g + 1 < m.size() && m[2 * g] >= 0) {
      dst.append(src.substr(static_cast<size_t>(m[2 * g]),
                            static_cast<size_t>(m[2 * g + 1] - m[2 * g])));
      return true;
    }
    return false;
  };
  while (!tmpl.empty()) {
    size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    dst.append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      dst += '$';
      tmpl.remove_prefix(1);
      continue;
    }
    std::optional<TemplateRef> ref = ExtractRef(tmpl);
    if (!ref) {
      dst += '$';
      continue;
    }
    tmpl.remove_prefix(ref->length);
    if (ref->num >= 0) {
      append_group(static_cast<size_t>(ref->num));
    } else {
      for (const auto& [index, name] : re.CapturingGroupNames()) {
        if (name == ref->name && append_group(static_cast<size_t>(index))) break;
      }
    }
  }
  dst.append(tmpl);
}

/// Go's Regexp.ReplaceAllString.
std::string ReplaceAll(const RE2& re, std::string_view src, std::string_view repl) {
  std::string out;
  const int groups = re.NumberOfCapturingGroups();
  size_t last_end = 0;
  size_t search = 0;
  while (search <= src.size()) {
    std::optional<MatchIndex> m = MatchAt(re, src, search, groups);
    if (!m) break;
    size_t start = static_cast<size_t>((*m)[0]);
    size_t end = static_cast<size_t>((*m)[1]);
    out.append(src.substr(last_end, start - last_end));
    // No replacement for an empty match right after another match.
    if (end > last_end || start == 0) Expand(out, repl, re, src, *m);
    last_end = end;
    size_t width = search < src.size() ? utf8::Decode(src, search).size : 0;
    if (search + width > end) {
      search += width;
    } else if (search + 1 > end) {
      ++search;
    } else {
      search = end;
    }
  }
  out.append(src.substr(last_end));
  return out;
}

/// Go's strings.Replace(s, old, new, -1); an empty `old` matches before every rune and at
/// the end.
std::string ReplaceLiteral(std::string_view s, std::string_view old, std::string_view repl) {
  std::string out;
  if (old.empty()) {
    out.reserve(s.size() + (s.size() + 1) * repl.size());
    out.append(repl);
    for (size_t i = 0; i < s.size();) {
      size_t n = utf8::Decode(s, i).size;
      out.append(s.substr(i, n));
      out.append(repl);
      i += n;
    }
    return out;
  }
  size_t start = 0;
  for (size_t at; (at = s.find(old, start)) != std::string_view::npos; start = at + old.size()) {
    out.append(s.substr(start, at - start));
    out.append(repl);
  }
  out.append(s.substr(start));
  return out;
}

BodyResult Replace(const std::vector<Value>& a) {
  const std::string& str = a[0].AsString();
  std::string_view substr = a[1].AsString();
  const std::string& repl = a[2].AsString();
  if (substr.size() > 1 && substr.front() == '/' && substr.back() == '/') {
    GoRegexp re = CompileGo(substr.substr(1, substr.size() - 2));
    if (!re.ok()) return CallError(re.GoError());
    return {Value::String(ReplaceAll(*re.re, str, repl)), std::nullopt};
  }
  return {Value::String(ReplaceLiteral(str, substr, repl)), std::nullopt};
}

}  // namespace

void RegisterRegexFunctions(BuiltinFunctions& r) {
  const Type S = Type::String();
  // The pattern's type is checked even when the string is not known yet (cty checks it in
  // the function's type callback), so both parameters take unknowns.
  auto regex_params = [] {
    return std::vector<Param>{Param{"pattern", Type::String(), false, /*allow_unknown=*/true},
                              Param{"string", Type::String(), false, /*allow_unknown=*/true}};
  };
  r.Add({"regex", regex_params(), std::nullopt, Type::Dynamic(), RegexType, Regex});
  r.Add({"regexall", regex_params(), std::nullopt, Type::List(Type::Dynamic()), RegexAllType,
         RegexAll});
  r.Add({"replace", {Param{"str", S}, Param{"substr", S}, Param{"replace", S}}, std::nullopt, S,
         nullptr, Replace});
}

}  // namespace cairn::eval::functions
