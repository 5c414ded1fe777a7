/// Rendering the structured diff (Terraform's jsonformat/computed/renderers).

#include <algorithm>

#include "lang/base/colorize.h"
#include "lang/base/go_quote.h"
#include "lang/base/value_json.h"
#include "lang/config/body_schema.h"
#include "planner/render/value_diff.h"

namespace cairn::planner::diff {
namespace {

std::string C(std::string_view markup, const RenderOptions& o) {
  return Colorize(markup, o.color);
}

std::string Indent(int n) { return std::string(static_cast<size_t>(n) * 4, ' '); }

/// writeDiffActionSymbol: the symbol and a space, or nothing when symbols are hidden.
std::string Sym(Action action, const RenderOptions& o) {
  if (o.hide_diff_action_symbols) return "";
  return ActionSymbol(action, o.color) + " ";
}

std::string NullSuffix(Action action, const RenderOptions& o) {
  if (!o.override_null_suffix && action == Action::kDelete) {
    return C(" [dark_gray]-> null[reset]", o);
  }
  return "";
}

std::string Forces(bool replace, const RenderOptions& o) {
  if (!o.forbid_forces_replacement && (replace || o.force_forces_replacement)) {
    return C(" [red]# forces replacement[reset]", o);
  }
  return "";
}

std::string Unchanged(std::string_view keyword, size_t n, const RenderOptions& o) {
  std::string text = "[dark_gray]# (" + std::to_string(n) + " unchanged " +
                     std::string(keyword) + (n == 1 ? "" : "s") + " hidden)[reset]";
  return C(text, o);
}

size_t RuneCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) {
    if ((ch & 0xC0) != 0x80) ++n;
  }
  return n;
}

/// Go's `%-*s`: padded with spaces to `width` runes.
std::string PadRight(const std::string& s, size_t width) {
  size_t runes = RuneCount(s);
  return runes >= width ? s : s + std::string(width - runes, ' ');
}

bool ImportantAttribute(std::string_view key) {
  return key == "id" || key == "name" || key == "tags";
}

std::vector<std::string> Warnings(const Diff& d, int indent, const RenderOptions& o) {
  if (d.kind != Diff::Kind::kSensitive) return {};
  const Diff& inner = d.children.front();
  if (d.before_sensitive == d.after_sensitive || inner.action == Action::kCreate ||
      inner.action == Action::kDelete) {
    return {};
  }
  std::string warning;
  if (d.before_sensitive) {
    warning = "  # [yellow]Warning[reset]: this attribute value will no longer be marked as "
              "sensitive\n" +
              Indent(indent) + "  # after applying this change.";
  } else {
    warning = "  # [yellow]Warning[reset]: this attribute value will be marked as sensitive and "
              "will not\n" +
              Indent(indent) + "  # display in UI output after applying this change.";
  }
  if (inner.action == Action::kNoOp) warning += " The value is unchanged.";
  warning = C(warning, o);
  return {warning};
}

void WriteWarnings(const Diff& d, int indent, const RenderOptions& o, std::string& out) {
  for (const std::string& w : Warnings(d, indent, o)) {
    out += Indent(indent);
    out += w;
    out += "\n";
  }
}

std::string PrimitiveText(const Value& v, bool nil, const RenderOptions& o) {
  if (nil) return C("[dark_gray]null[reset]", o);
  if (v.type().IsBool()) return v.AsBool() ? "true" : "false";
  if (v.type().IsNumber()) return EncodeJson(v).json;
  return GoQuote(v.AsString());
}

/// evaluatePrimitiveString.
struct EvaluatedString {
  std::string text;
  bool nil = false;
  bool is_json = false;
  Value json;
  bool multiline = false;
};

EvaluatedString EvaluateString(const Value& v, bool nil) {
  EvaluatedString e;
  if (nil) {
    e.nil = true;
    return e;
  }
  const std::string& s = v.AsString();
  if (!s.empty() && (s[0] == '{' || s[0] == '[')) {
    JsonDecodeResult r = DecodeJson(s);
    if (r.ok()) {
      e.text = s;
      e.is_json = true;
      e.json = r.value;
      return e;
    }
  }
  if (s.find('\n') != std::string::npos) {
    size_t b = s.find_first_not_of(" \t\n\r\v\f");
    size_t end = s.find_last_not_of(" \t\n\r\v\f");
    e.text = b == std::string::npos ? "" : s.substr(b, end - b + 1);
    e.multiline = true;
    return e;
  }
  e.text = s;
  return e;
}

std::string Quoted(const EvaluatedString& e, const RenderOptions& o) {
  if (e.nil) return GoQuote(C("[dark_gray]null[reset]", o));
  return GoQuote(e.text);
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (;;) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(s.substr(start));
      return lines;
    }
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
}

std::string RenderStringAsJson(const Diff& d, int indent, const RenderOptions& o,
                               const EvaluatedString& before, const EvaluatedString& after) {
  Change c;
  c.before_explicit = d.action != Action::kCreate;
  c.after_explicit = d.action != Action::kDelete;
  if (before.is_json) c.before = before.json;
  if (after.is_json) c.after = after.json;
  Diff json = ComputeDiffForOutput(c);
  Action action = d.action;
  std::string whitespace, replace;
  RenderOptions json_opts = o.Clone();
  if (json.action == Action::kNoOp && d.action == Action::kUpdate) {
    whitespace = d.replace ? " # whitespace changes force replacement" : " # whitespace changes";
    json_opts.show_unchanged_children = true;
    action = Action::kNoOp;
  } else {
    replace = Forces(d.replace, o);
  }
  std::string rendered = RenderHuman(json, indent + 1, json_opts);
  if (d.action == Action::kCreate || d.action == Action::kDelete) action = Action::kNoOp;
  if (rendered.find('\n') != std::string::npos) {
    return "jsonencode(" + whitespace + "\n" + Indent(indent + 1) + Sym(action, o) + rendered +
           replace + "\n" + Indent(indent) + Sym(Action::kNoOp, o) + ")";
  }
  return "jsonencode(" + rendered + ")" + whitespace + replace;
}

std::string RenderTypeChange(const Diff& before, const Diff& after, int indent,
                             const RenderOptions& o) {
  RenderOptions opts = o;
  opts.override_null_suffix = true;
  return RenderHuman(before, indent, opts) + " " + C("[yellow]->[reset]", o) + " " +
         RenderHuman(after, indent, opts);
}

std::string RenderString(const Diff& d, int indent, const RenderOptions& o) {
  std::vector<std::string> lines;
  auto prefix = [&](Action a) { return Indent(indent + 1) + Sym(a, o); };
  switch (d.action) {
    case Action::kCreate:
    case Action::kNoOp: {
      EvaluatedString str = EvaluateString(d.after, d.after_nil);
      if (str.is_json) {
        return d.action == Action::kNoOp ? RenderStringAsJson(d, indent, o, str, str)
                                         : RenderStringAsJson(d, indent, o, {}, str);
      }
      if (!str.multiline) return Quoted(str, o) + Forces(d.replace, o);
      for (const std::string& line : SplitLines(str.text)) {
        lines.push_back(prefix(Action::kNoOp) + line);
      }
      break;
    }
    case Action::kDelete: {
      EvaluatedString str = EvaluateString(d.before, d.before_nil);
      if (str.is_json) return RenderStringAsJson(d, indent, o, str, {});
      if (!str.multiline) {
        return Quoted(str, o) + NullSuffix(d.action, o) + Forces(d.replace, o);
      }
      for (const std::string& line : SplitLines(str.text)) {
        lines.push_back(prefix(Action::kNoOp) + line);
      }
      break;
    }
    default: {
      EvaluatedString before = EvaluateString(d.before, d.before_nil);
      EvaluatedString after = EvaluateString(d.after, d.after_nil);
      if (before.is_json && after.is_json) return RenderStringAsJson(d, indent, o, before, after);
      if (before.is_json || after.is_json) {
        Diff b = d, a = d;
        b.action = Action::kDelete;
        b.replace = false;
        b.after_nil = true;
        a.action = Action::kCreate;
        a.replace = false;
        a.before_nil = true;
        std::string text = RenderTypeChange(b, a, indent, o);
        return text;
      }
      if (!before.multiline && !after.multiline) {
        return Quoted(before, o) + " " + C("[yellow]->[reset]", o) + " " + Quoted(after, o) +
               Forces(d.replace, o);
      }
      std::vector<std::string> bl = SplitLines(before.text);
      std::vector<std::string> al = SplitLines(after.text);
      std::vector<Value> bv, av;
      bv.reserve(bl.size());
      av.reserve(al.size());
      for (const std::string& s : bl) bv.push_back(Value::String(s));
      for (const std::string& s : al) av.push_back(Value::String(s));
      ProcessSlice(
          bv, av,
          [&](size_t bi, size_t ai) {
            if (bi >= bl.size()) {
              lines.push_back(prefix(Action::kCreate) + al[ai]);
            } else if (ai >= al.size()) {
              lines.push_back(prefix(Action::kDelete) + bl[bi]);
            } else {
              lines.push_back(prefix(Action::kNoOp) + bl[bi]);
            }
          },
          [](const Value&) { return false; }, false);
      break;
    }
  }
  std::string out = "<<-EOT" + Forces(d.replace, o) + "\n";
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "\n";
    out += lines[i];
  }
  out += "\n" + Indent(indent) + Sym(Action::kNoOp, o) + "EOT" + NullSuffix(d.action, o);
  return out;
}

std::string RenderPrimitive(const Diff& d, int indent, const RenderOptions& o) {
  if (d.type.IsString()) return RenderString(d, indent, o);
  std::string before = PrimitiveText(d.before, d.before_nil, o);
  std::string after = PrimitiveText(d.after, d.after_nil, o);
  switch (d.action) {
    case Action::kCreate: return after + Forces(d.replace, o);
    case Action::kDelete: return before + NullSuffix(d.action, o) + Forces(d.replace, o);
    case Action::kNoOp: return before + Forces(d.replace, o);
    default: return before + " " + C("[yellow]->[reset]", o) + " " + after + Forces(d.replace, o);
  }
}

std::string RenderList(const Diff& d, int indent, const RenderOptions& o) {
  if (d.children.empty()) return "[]" + NullSuffix(d.action, o) + Forces(d.replace, o);
  RenderOptions element_opts = o.Clone();
  element_opts.override_null_suffix = true;
  RenderOptions unchanged_opts = o.Clone();
  unchanged_opts.show_unchanged_children = true;
  std::vector<const Diff*> unchanged;
  bool render_next = false;
  std::string out = "[" + Forces(d.replace, o) + "\n";
  for (const Diff& element : d.children) {
    if (element.action == Action::kNoOp && !render_next && !o.show_unchanged_children) {
      unchanged.push_back(&element);
      continue;
    }
    render_next = false;
    const RenderOptions* opts = &element_opts;
    if (d.display_context) {
      if (unchanged.size() > 1) {
        out += Indent(indent + 1) + Sym(Action::kNoOp, o) +
               Unchanged("element", unchanged.size() - 1, o) + "\n";
      }
      if (!unchanged.empty()) {
        const Diff& last = *unchanged.back();
        out += Indent(indent + 1) + Sym(last.action, o) +
               RenderHuman(last, indent + 1, unchanged_opts) + ",\n";
      }
      unchanged.clear();
      if (element.action == Action::kNoOp) {
        opts = &unchanged_opts;
      } else {
        render_next = true;
      }
    }
    WriteWarnings(element, indent + 1, o, out);
    out += Indent(indent + 1) + Sym(element.action, o) + RenderHuman(element, indent + 1, *opts) +
           ",\n";
  }
  if (!unchanged.empty()) {
    out += Indent(indent + 1) + Sym(Action::kNoOp, o) +
           Unchanged("element", unchanged.size(), o) + "\n";
  }
  out += Indent(indent) + Sym(Action::kNoOp, o) + "]" + NullSuffix(d.action, o);
  return out;
}

std::string RenderSet(const Diff& d, int indent, const RenderOptions& o) {
  bool self = d.replace && !d.nested_set;
  bool children = d.replace && d.nested_set;
  if (d.children.empty()) return "[]" + NullSuffix(d.action, o) + Forces(self, o);
  RenderOptions element_opts = o.Clone();
  element_opts.override_null_suffix = true;
  element_opts.force_forces_replacement = children;
  size_t unchanged = 0;
  std::string out = "[" + Forces(self, o) + "\n";
  for (const Diff& element : d.children) {
    if (element.action == Action::kNoOp && !o.show_unchanged_children) {
      ++unchanged;
      continue;
    }
    WriteWarnings(element, indent + 1, o, out);
    out += Indent(indent + 1) + Sym(element.action, element_opts) +
           RenderHuman(element, indent + 1, element_opts) + ",\n";
  }
  if (unchanged > 0) {
    out += Indent(indent + 1) + Sym(Action::kNoOp, o) + Unchanged("element", unchanged, o) + "\n";
  }
  out += Indent(indent) + Sym(Action::kNoOp, o) + "]" + NullSuffix(d.action, o);
  return out;
}

std::string RenderMap(const Diff& d, int indent, const RenderOptions& o) {
  bool self = d.replace && !d.nested_map;
  bool children = d.replace && d.nested_map;
  if (d.children.empty()) return "{}" + NullSuffix(d.action, o) + Forces(self, o);
  size_t width = 0;
  for (const std::string& k : d.keys) width = std::max(width, k.size());
  width += 2;
  RenderOptions element_opts = o.Clone();
  element_opts.override_null_suffix = d.action == Action::kDelete || d.nested_map;
  element_opts.force_forces_replacement = children;
  size_t unchanged = 0;
  std::string out = "{" + Forces(self, o) + "\n";
  for (size_t i = 0; i < d.children.size(); ++i) {
    const Diff& element = d.children[i];
    if (element.action == Action::kNoOp && !o.show_unchanged_children) {
      ++unchanged;
      continue;
    }
    WriteWarnings(element, indent + 1, o, out);
    const char* comma = element.kind == Diff::Kind::kObject ? "," : "";
    out += Indent(indent + 1) + Sym(element.action, o) + PadRight(GoQuote(d.keys[i]), width) +
           " = " + RenderHuman(element, indent + 1, element_opts) + comma + "\n";
  }
  if (unchanged > 0) {
    out += Indent(indent + 1) + Sym(Action::kNoOp, o) + Unchanged("element", unchanged, o) + "\n";
  }
  out += Indent(indent) + Sym(Action::kNoOp, o) + "}" + NullSuffix(d.action, o);
  return out;
}

std::string RenderObject(const Diff& d, int indent, const RenderOptions& o) {
  if (d.children.empty()) return "{}" + NullSuffix(d.action, o) + Forces(d.replace, o);
  RenderOptions attribute_opts = o.Clone();
  attribute_opts.override_null_suffix = d.override_null_suffix;
  RenderOptions important_opts = attribute_opts.Clone();
  important_opts.show_unchanged_children = true;
  std::vector<std::string> escaped;
  escaped.reserve(d.keys.size());
  size_t width = 0;
  for (const std::string& k : d.keys) {
    escaped.push_back(EnsureValidAttributeName(k));
    width = std::max(width, escaped.back().size());
  }
  size_t unchanged = 0;
  std::string out = "{" + Forces(d.replace, o) + "\n";
  for (size_t i = 0; i < d.children.size(); ++i) {
    const Diff& attribute = d.children[i];
    bool important = ImportantAttribute(d.keys[i]);
    if (!important && attribute.action == Action::kNoOp && !o.show_unchanged_children) {
      ++unchanged;
      continue;
    }
    WriteWarnings(attribute, indent + 1, o, out);
    out += Indent(indent + 1) + Sym(attribute.action, o) + PadRight(escaped[i], width) + " = " +
           RenderHuman(attribute, indent + 1, important ? important_opts : attribute_opts) +
           "\n";
  }
  if (unchanged > 0) {
    out += Indent(indent + 1) + Sym(Action::kNoOp, o) + Unchanged("attribute", unchanged, o) +
           "\n";
  }
  out += Indent(indent) + Sym(Action::kNoOp, o) + "}" + NullSuffix(d.action, o);
  return out;
}

std::string RenderSensitiveBlock(const Diff& d, int indent, const RenderOptions& o) {
  std::string prefix = Indent(indent + 1) + Sym(Action::kNoOp, o);
  return "{" + Forces(d.replace, o) + "\n" + prefix +
         "# At least one attribute in this block is (or was) sensitive,\n" + prefix +
         "# so its contents will not be displayed.\n" + Indent(indent) + Sym(Action::kNoOp, o) +
         "}";
}

std::string RenderBlock(const Diff& d, int indent, const RenderOptions& o) {
  if (d.children.empty() && d.block_groups.empty()) return "{}" + Forces(d.replace, o);
  size_t width = 0;
  std::vector<std::string> escaped;
  escaped.reserve(d.keys.size());
  for (const std::string& k : d.keys) {
    escaped.push_back(EnsureValidAttributeName(k));
    width = std::max(width, escaped.back().size());
  }
  RenderOptions important_opts = o.Clone();
  important_opts.show_unchanged_children = true;
  RenderOptions attribute_opts = o.Clone();
  size_t unchanged_attributes = 0;
  size_t unchanged_blocks = 0;
  std::string out = "{" + Forces(d.replace, o) + "\n";
  for (size_t i = 0; i < d.children.size(); ++i) {
    const Diff& attribute = d.children[i];
    bool important = ImportantAttribute(d.keys[i]);
    if (!important && attribute.action == Action::kNoOp && !o.show_unchanged_children) {
      ++unchanged_attributes;
      continue;
    }
    WriteWarnings(attribute, indent + 1, o, out);
    out += Indent(indent + 1) + Sym(attribute.action, o) + PadRight(escaped[i], width) + " = " +
           RenderHuman(attribute, indent + 1, important ? important_opts : attribute_opts) +
           "\n";
  }
  if (unchanged_attributes > 0) {
    out += Indent(indent + 1) + Sym(Action::kNoOp, o) +
           Unchanged("attribute", unchanged_attributes, o) + "\n";
  }
  for (const Diff::BlockGroup& group : d.block_groups) {
    bool found_changed = false;
    auto render_block = [&](const Diff& block, const std::string& map_key) {
      const Diff* shown = &block;
      Diff sensitive;
      bool creating = block.action == Action::kCreate && group.after_sensitive;
      bool deleting = block.action == Action::kDelete && group.before_sensitive;
      bool modifying = (block.action == Action::kUpdate || block.action == Action::kNoOp) &&
                       (group.after_sensitive || group.before_sensitive);
      if (creating || deleting || modifying) {
        sensitive.kind = Diff::Kind::kSensitive;
        sensitive.action = block.action;
        if (block.action == Action::kNoOp && group.before_sensitive != group.after_sensitive) {
          sensitive.action = Action::kUpdate;
        }
        sensitive.replace = block.replace;
        sensitive.before_sensitive = group.before_sensitive;
        sensitive.after_sensitive = group.after_sensitive;
        sensitive.children.push_back(block);
        shown = &sensitive;
      }
      if (shown->action == Action::kNoOp && !o.show_unchanged_children) {
        ++unchanged_blocks;
        return;
      }
      if (!found_changed && !d.children.empty()) {
        out += "\n";
        found_changed = true;
      }
      RenderOptions block_opts = o.Clone();
      block_opts.force_forces_replacement = group.replace;
      WriteWarnings(*shown, indent + 1, o, out);
      out += Indent(indent + 1) + Sym(shown->action, o) + EnsureValidAttributeName(group.type_name) +
             map_key + " " + RenderHuman(*shown, indent + 1, block_opts) + "\n";
    };
    for (size_t i = 0; i < group.blocks.size(); ++i) {
      std::string map_key;
      if (group.nesting == providers::NestingMode::kMap) map_key = " " + GoQuote(group.map_keys[i]);
      render_block(group.blocks[i], map_key);
    }
  }
  if (unchanged_blocks > 0) {
    out += "\n" + Indent(indent + 1) + Sym(Action::kNoOp, o) +
           Unchanged("block", unchanged_blocks, o) + "\n";
  }
  out += Indent(indent) + Sym(Action::kNoOp, o) + "}";
  return out;
}

}  // namespace

std::string RenderHuman(const Diff& d, int indent, const RenderOptions& o) {
  switch (d.kind) {
    case Diff::Kind::kPrimitive: return RenderPrimitive(d, indent, o);
    case Diff::Kind::kSensitive:
      if (!d.children.empty() && d.children.front().kind == Diff::Kind::kBlock) {
        return RenderSensitiveBlock(d, indent, o);
      }
      return "(sensitive value)" + NullSuffix(d.action, o) + Forces(d.replace, o);
    case Diff::Kind::kUnknown: {
      if (d.action == Action::kCreate || d.children.empty()) {
        return "(known after apply)" + Forces(d.replace, o);
      }
      RenderOptions before_opts = o.Clone();
      before_opts.override_null_suffix = true;
      if (d.replace) before_opts.forbid_forces_replacement = true;
      return RenderHuman(d.children.front(), indent, before_opts) + " -> (known after apply)" +
             Forces(d.replace, o);
    }
    case Diff::Kind::kList: return RenderList(d, indent, o);
    case Diff::Kind::kSet: return RenderSet(d, indent, o);
    case Diff::Kind::kMap: return RenderMap(d, indent, o);
    case Diff::Kind::kObject: return RenderObject(d, indent, o);
    case Diff::Kind::kBlock: return RenderBlock(d, indent, o);
    case Diff::Kind::kTypeChange:
      return RenderTypeChange(d.children[0], d.children[1], indent, o);
  }
  return "";
}

std::string ActionSymbol(Action action, bool color) {
  switch (action) {
    case Action::kDeleteThenCreate: return Colorize("[red]-[reset]/[green]+[reset]", color);
    case Action::kCreateThenDelete: return Colorize("[green]+[reset]/[red]-[reset]", color);
    case Action::kCreate: return Colorize("  [green]+[reset]", color);
    case Action::kDelete: return Colorize("  [red]-[reset]", color);
    case Action::kRead: return Colorize(" [cyan]<=[reset]", color);
    case Action::kUpdate: return Colorize("  [yellow]~[reset]", color);
    case Action::kForget: return Colorize(" [red].[reset]", color);
    case Action::kNoOp: return "   ";
  }
  return "   ";
}

std::string EnsureValidAttributeName(const std::string& name) {
  return config::ValidIdentifier(name) ? name : GoQuote(name);
}

}  // namespace cairn::planner::diff
