#include "lang/base/value_console.h"

#include <string_view>
#include <vector>

#include "lang/base/go_quote.h"

namespace cairn {

namespace {

void Format(const Value& v, int indent, std::string& out);

std::string_view TrimSpace(std::string_view s) {
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// Returns false when the string has no newline.
bool FormatMultiline(const std::string& str, int indent, std::string& out) {
  if (str.find('\n') == std::string::npos) return false;
  std::vector<std::string_view> lines;
  std::string_view rest = str;
  for (;;) {
    size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(rest);
      break;
    }
    lines.push_back(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
  }
  std::string delimiter = "EOT";
  for (bool clash = true; clash;) {
    clash = false;
    for (std::string_view line : lines) {
      if (TrimSpace(line) == delimiter) {
        delimiter += "_";
        clash = true;
        break;
      }
    }
  }
  std::string pad(indent, ' ');
  out += indent > 0 ? "<<-" : "<<";
  out += delimiter;
  for (std::string_view line : lines) {
    out.push_back('\n');
    out += pad;
    out.append(line);
  }
  out.push_back('\n');
  out += pad;
  out += delimiter;
  return true;
}

void FormatMapping(const Value& v, int indent, std::string& out) {
  out.push_back('{');
  indent += 2;
  for (size_t i = 0; i < v.Length(); i++) {
    out.push_back('\n');
    out.append(indent, ' ');
    Format(Value::String(v.Keys()[i]), indent, out);
    out += " = ";
    Format(v[i], indent, out);
  }
  indent -= 2;
  if (v.Length() > 0) {
    out.push_back('\n');
    out.append(indent, ' ');
  }
  out.push_back('}');
}

void FormatSequence(const Value& v, int indent, std::string& out) {
  out.push_back('[');
  indent += 2;
  for (const Value& e : v.Elements()) {
    out.push_back('\n');
    out.append(indent, ' ');
    Format(e, indent, out);
    out.push_back(',');
  }
  indent -= 2;
  if (v.Length() > 0) {
    out.push_back('\n');
    out.append(indent, ' ');
  }
  out.push_back(']');
}

void Format(const Value& v, int indent, std::string& out) {
  if (!v.IsKnown()) {
    out += "(known after apply)";
    return;
  }
  if (v.IsSensitive()) {
    out += "(sensitive value)";
    return;
  }
  const Type& t = v.type();
  if (v.IsNull()) {
    switch (t.kind()) {
      case Type::Kind::kDynamic:
        out += "null";
        return;
      case Type::Kind::kString:
        out += "tostring(null)";
        return;
      case Type::Kind::kNumber:
        out += "tonumber(null)";
        return;
      case Type::Kind::kBool:
        out += "tobool(null)";
        return;
      case Type::Kind::kList:
        out += "tolist(null) /* of " + t.ElementType().FriendlyName() + " */";
        return;
      case Type::Kind::kSet:
        out += "toset(null) /* of " + t.ElementType().FriendlyName() + " */";
        return;
      case Type::Kind::kMap:
        out += "tomap(null) /* of " + t.ElementType().FriendlyName() + " */";
        return;
      default:
        out += "null /* " + t.FriendlyName() + " */";
        return;
    }
  }
  switch (t.kind()) {
    case Type::Kind::kString:
      if (!FormatMultiline(v.AsString(), indent, out)) AppendGoQuoted(out, v.AsString());
      return;
    case Type::Kind::kNumber:
      out += v.AsNumber().ToString();
      return;
    case Type::Kind::kBool:
      out += v.AsBool() ? "true" : "false";
      return;
    case Type::Kind::kObject:
      FormatMapping(v, indent, out);
      return;
    case Type::Kind::kTuple:
      FormatSequence(v, indent, out);
      return;
    case Type::Kind::kList:
      out += "tolist(";
      FormatSequence(v, indent, out);
      out.push_back(')');
      return;
    case Type::Kind::kSet:
      out += "toset(";
      FormatSequence(v, indent, out);
      out.push_back(')');
      return;
    case Type::Kind::kMap:
      out += "tomap(";
      FormatMapping(v, indent, out);
      out.push_back(')');
      return;
    case Type::Kind::kDynamic:
      out += "null";
      return;
  }
}

}  // namespace

std::string FormatConsoleValue(const Value& v, int indent) {
  std::string out;
  Format(v, indent, out);
  return out;
}

}  // namespace cairn
