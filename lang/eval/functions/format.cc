// Terraform's format and formatlist: Go-style verbs as cty's stdlib implements them
// (%v %#v %t %d %b %o %x %X %e %E %f %g %G %s %q, flags `-+ 0#`, width, precision, %[n]).

#include <charconv>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/go_quote.h"
#include "lang/base/utf8.h"
#include "lang/base/value_json.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

struct Spec {
  bool minus = false, plus = false, space = false, zero = false, sharp = false;
  std::optional<int> width;
  std::optional<int> precision;
};

size_t RuneCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += utf8::Decode(s, i).size) ++n;
  return n;
}

void Pad(std::string& out, std::string body, const Spec& spec, bool numeric) {
  size_t len = RuneCount(body);
  if (!spec.width || static_cast<size_t>(*spec.width) <= len) {
    out += body;
    return;
  }
  size_t fill = static_cast<size_t>(*spec.width) - len;
  if (spec.minus) {
    out += body;
    out.append(fill, ' ');
  } else if (spec.zero && numeric) {
    size_t sign = (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) ? 1 : 0;
    out.append(body, 0, sign);
    out.append(fill, '0');
    out.append(body, sign);
  } else {
    out.append(fill, ' ');
    out += body;
  }
}

std::string Sign(bool negative, const Spec& spec) {
  if (negative) return "-";
  if (spec.plus) return "+";
  if (spec.space) return " ";
  return "";
}

/// Formats one argument for `verb`; an error message (without the "unsupported value" prefix)
/// on failure. `unknown` is set when the argument is null (Terraform's result is unknown).
std::optional<std::string> FormatOne(std::string& out, char verb, const Spec& spec,
                                     const Value& arg) {
  auto convert = [&](const Type& t, Value& v) -> std::optional<std::string> {
    ConvertResult c = Convert(arg, t);
    if (!c.ok()) return c.error->message;
    v = c.value;
    return std::nullopt;
  };
  Value v;
  switch (verb) {
    case 'v': {
      if (spec.sharp || !arg.type().IsPrimitive()) {
        JsonEncodeResult j = EncodeJson(arg);
        if (!j.ok()) return j.error;
        Pad(out, j.json, spec, false);
        return std::nullopt;
      }
      if (auto e = convert(Type::String(), v)) return e;
      Pad(out, v.AsString(), spec, false);
      return std::nullopt;
    }
    case 's':
    case 'q': {
      if (auto e = convert(Type::String(), v)) return e;
      std::string s = v.AsString();
      if (spec.precision) {
        size_t i = 0;
        for (int n = 0; n < *spec.precision && i < s.size(); ++n) i += utf8::Decode(s, i).size;
        s.resize(i);
      }
      Pad(out, verb == 'q' ? GoQuote(s) : s, spec, false);
      return std::nullopt;
    }
    case 't': {
      if (auto e = convert(Type::Bool(), v)) return e;
      Pad(out, v.AsBool() ? "true" : "false", spec, false);
      return std::nullopt;
    }
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      if (auto e = convert(Type::Number(), v)) return e;
      Number n = v.AsNumber();
      if (!n.IsInteger()) return "an integer is required";
      std::string digits;
      if (verb == 'd') {
        digits = n.Abs().ToString();
      } else {
        std::optional<int64_t> i = n.ToInt64();
        if (!i) return "an integer is required";
        uint64_t u = *i < 0 ? 0 - static_cast<uint64_t>(*i) : static_cast<uint64_t>(*i);
        int base = verb == 'b' ? 2 : (verb == 'o' ? 8 : 16);
        char buf[72];
        auto r = std::to_chars(buf, buf + sizeof buf, u, base);
        digits.assign(buf, r.ptr);
        if (verb == 'X') {
          for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
      }
      if (spec.precision && digits.size() < static_cast<size_t>(*spec.precision)) {
        digits.insert(0, static_cast<size_t>(*spec.precision) - digits.size(), '0');
      }
      Pad(out, Sign(n.Sign() < 0, spec) + digits, spec, !spec.precision);
      return std::nullopt;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      if (auto e = convert(Type::Number(), v)) return e;
      double d = v.AsNumber().ToDouble();
      std::string body;
      if (verb == 'g' || verb == 'G') {
        if (spec.precision) {
          char fmt[16];
          std::snprintf(fmt, sizeof fmt, "%%.%d%c", *spec.precision, verb);
          char buf[512];
          std::snprintf(buf, sizeof buf, fmt, d < 0 ? -d : d);
          body = buf;
        } else {
          // Go's shortest %g: exponent form when exp < -4 || exp >= 21.
          body = v.AsNumber().Abs().ToString();
          double a = d < 0 ? -d : d;
          if (a != 0 && (a < 1e-4 || a >= 1e21)) {
            char buf[64];
            auto r = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific);
            body.assign(buf, r.ptr);
            if (verb == 'G') body[body.find('e')] = 'E';
          }
        }
      } else {
        char fmt[16];
        std::snprintf(fmt, sizeof fmt, "%%.%d%c", spec.precision.value_or(6), verb);
        char buf[1024];
        std::snprintf(buf, sizeof buf, fmt, d < 0 ? -d : d);
        body = buf;
      }
      Pad(out, Sign(d < 0, spec) + body, spec, true);
      return std::nullopt;
    }
    default:
      return std::nullopt;  // unreachable: verbs are checked by the caller
  }
}

struct FormatOutcome {
  std::string text;
  bool unknown = false;
  std::optional<FunctionError> error;
};

/// cty's formatFSM over `fmt` with `args` (the values after the format string).
FormatOutcome FormatString(std::string_view fmt, const std::vector<Value>& args) {
  FormatOutcome r;
  size_t next_arg = 0;
  bool any_verb = false;
  size_t max_used = 0;
  for (size_t i = 0; i < fmt.size();) {
    if (fmt[i] != '%') {
      r.text += fmt[i++];
      continue;
    }
    size_t start = i++;
    if (i < fmt.size() && fmt[i] == '%') {
      r.text += '%';
      ++i;
      continue;
    }
    Spec spec;
    for (; i < fmt.size(); ++i) {
      char c = fmt[i];
      if (c == '-') spec.minus = true;
      else if (c == '+') spec.plus = true;
      else if (c == ' ') spec.space = true;
      else if (c == '0') spec.zero = true;
      else if (c == '#') spec.sharp = true;
      else break;
    }
    std::optional<size_t> index;
    if (i < fmt.size() && fmt[i] == '[') {
      size_t close = fmt.find(']', i);
      if (close != std::string_view::npos) {
        size_t n = 0;
        std::from_chars(fmt.data() + i + 1, fmt.data() + close, n);
        index = n;
        i = close + 1;
      }
    }
    auto number = [&]() -> std::optional<int> {
      if (i >= fmt.size() || fmt[i] < '0' || fmt[i] > '9') return std::nullopt;
      int n = 0;
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') n = n * 10 + (fmt[i++] - '0');
      return n;
    };
    spec.width = number();
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      spec.precision = number().value_or(0);
    }
    if (i >= fmt.size()) {
      r.error = FunctionError{std::nullopt, "invalid format string starting at offset " +
                                                std::to_string(start)};
      return r;
    }
    utf8::Decoded d = utf8::Decode(fmt, i);
    i += d.size;
    std::string verb_text(fmt.substr(start, i - start));
    static constexpr std::string_view kVerbs = "vtdboxXeEfgGsq";
    if (d.rune > 0x7F || kVerbs.find(static_cast<char>(d.rune)) == std::string_view::npos) {
      std::string v;
      utf8::Append(v, d.rune);
      r.error = FunctionError{std::nullopt, "unsupported format verb '" + v + "' in " +
                                                GoQuote(verb_text) + " at offset " +
                                                std::to_string(start)};
      return r;
    }
    any_verb = true;
    size_t arg_index = index ? *index - 1 : next_arg;
    if (index && *index == 0) arg_index = args.size();
    if (arg_index >= args.size()) {
      r.error = FunctionError{std::nullopt, "not enough arguments for " + GoQuote(verb_text) +
                                                " at " + std::to_string(start) +
                                                ": need index " + std::to_string(arg_index + 1) +
                                                " but have " + std::to_string(args.size()) +
                                                " total"};
      return r;
    }
    next_arg = arg_index + 1;
    if (next_arg > max_used) max_used = next_arg;
    const Value& arg = args[arg_index];
    if (arg.IsNull() || !arg.IsWhollyKnown()) {
      r.unknown = true;
      continue;
    }
    if (auto e = FormatOne(r.text, static_cast<char>(d.rune), spec, arg)) {
      r.error = FunctionError{std::nullopt, "unsupported value for " + GoQuote(verb_text) +
                                                " at " + std::to_string(start) + ": " + *e};
      return r;
    }
  }
  if (max_used < args.size()) {
    r.error = FunctionError{
        max_used + 1, any_verb ? "too many arguments; only " + std::to_string(max_used) +
                                     " used by format string"
                               : "too many arguments; no verbs in format string"};
  }
  return r;
}

BodyResult Format(const std::vector<Value>& a) {
  std::vector<Value> args(a.begin() + 1, a.end());
  FormatOutcome r = FormatString(a[0].AsString(), args);
  if (r.error) return {Value(), r.error};
  if (r.unknown) return {Value::Unknown(Type::String()).RefineNotNull(), std::nullopt};
  return {Value::String(std::move(r.text)), std::nullopt};
}

BodyResult FormatList(const std::vector<Value>& a) {
  std::optional<size_t> length;
  size_t length_arg = 0;
  for (size_t i = 1; i < a.size(); ++i) {
    const Type& t = a[i].type();
    if (!(t.IsList() || t.IsSet() || t.IsTuple()) || a[i].IsNull()) continue;
    if (!a[i].IsKnown()) return {Value::Unknown(Type::List(Type::String())), std::nullopt};
    size_t n = a[i].Length();
    if (!length) {
      length = n;
      length_arg = i;
    } else if (n != *length) {
      return ArgError(i, "argument " + std::to_string(i) + " has length " + std::to_string(n) +
                             ", which is inconsistent with argument " +
                             std::to_string(length_arg) + " of length " +
                             std::to_string(*length));
    }
  }
  size_t count = length.value_or(1);
  std::vector<Value> out;
  out.reserve(count);
  for (size_t k = 0; k < count; ++k) {
    std::vector<Value> args;
    for (size_t i = 1; i < a.size(); ++i) {
      const Type& t = a[i].type();
      bool seq = (t.IsList() || t.IsSet() || t.IsTuple()) && !a[i].IsNull();
      args.push_back(seq ? a[i].Elements()[k] : a[i]);
    }
    FormatOutcome r = FormatString(a[0].AsString(), args);
    if (r.error) {
      r.error->arg.reset();
      r.error->message = "error on format iteration " + std::to_string(k) + ": " +
                         r.error->message;
      return {Value(), r.error};
    }
    out.push_back(r.unknown ? Value::Unknown(Type::String()) : Value::String(std::move(r.text)));
  }
  return {Value::List(Type::String(), std::move(out)), std::nullopt};
}

}  // namespace

void RegisterFormatFunctions(BuiltinFunctions& r) {
  Param args{"args", Type::Dynamic(), /*allow_null=*/true, /*allow_unknown=*/true};
  r.Add({"format", {Param{"format", Type::String()}}, args, Type::String(), nullptr, Format});
  r.Add({"formatlist", {Param{"format", Type::String()}}, args, Type::List(Type::String()),
         nullptr, FormatList});
}

}  // namespace cairn::eval::functions
