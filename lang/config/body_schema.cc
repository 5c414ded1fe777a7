#include "lang/config/body_schema.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "lang/base/name_suggestion.h"

namespace cairn::config {
namespace {

std::string JoinLabels(const std::vector<std::string_view>& labels) {
  std::string out;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ", ";
    out += labels[i];
  }
  return out;
}

const BlockSchema* FindBlockSchema(const BodySchema& schema, std::string_view type) {
  for (const BlockSchema& b : schema.blocks) {
    if (b.type == type) return &b;
  }
  return nullptr;
}

const AttributeSchema* FindAttributeSchema(const BodySchema& schema, std::string_view name) {
  for (const AttributeSchema& a : schema.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

/// The first attribute of each name (the parser reported redefinitions).
const ast::Attribute* FirstAttribute(const ast::Body& body, std::string_view name) {
  for (const ast::Attribute& a : body.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace

const ast::Attribute* BodyContent::Find(std::string_view name) const {
  for (const ast::Attribute* a : attributes) {
    if (a->name == name) return a;
  }
  return nullptr;
}

Range MissingItemRange(const ast::Block& block) {
  Range r = block.open_brace_range;
  r.end = r.start;
  return r;
}

Range DefRange(const ast::Block& block) {
  Range r = block.type_range;
  if (!block.label_ranges.empty()) r.end = block.label_ranges.back().end;
  return r;
}

std::string RangeString(const Range& r) {
  if (r.start.line == r.end.line) {
    return fmt::format("{}:{},{}-{}", r.filename.str(), r.start.line, r.start.column,
                       r.end.column);
  }
  return fmt::format("{}:{},{}-{},{}", r.filename.str(), r.start.line, r.start.column,
                     r.end.line, r.end.column);
}

bool ValidIdentifier(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  };
  if (!letter(name[0])) return false;
  for (unsigned char c : name.substr(1)) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '-') return false;
  }
  return true;
}

BodyContent PartialContent(const ast::Body& body, const Range& missing_item_range,
                           const BodySchema& schema, Diagnostics& diags) {
  BodyContent content;
  for (const AttributeSchema& s : schema.attributes) {
    const ast::Attribute* a = FirstAttribute(body, s.name);
    if (!a) {
      if (s.required) {
        diags.Error("Missing required argument",
                    fmt::format("The argument \"{}\" is required, but no definition was found.",
                                s.name),
                    missing_item_range);
      }
      continue;
    }
    content.attributes.push_back(a);
  }
  std::unordered_set<std::string_view> seen;
  for (const ast::Attribute& a : body.attributes) {
    if (!seen.insert(a.name).second) continue;  // a redefinition (the parser reported it)
    if (!FindAttributeSchema(schema, a.name)) content.remain_attributes.push_back(&a);
  }
  for (const ast::Block& b : body.blocks) {
    const BlockSchema* s = FindBlockSchema(schema, b.type);
    if (!s) {
      content.remain_blocks.push_back(&b);
      continue;
    }
    Range context = Cover(b.type_range, b.open_brace_range);
    if (b.labels.size() > s->labels.size()) {
      if (s->labels.empty()) {
        diags.Error(fmt::format("Extraneous label for {}", b.type),
                    fmt::format("No labels are expected for {} blocks.", b.type),
                    b.label_ranges[0], context);
      } else {
        diags.Error(fmt::format("Extraneous label for {}", b.type),
                    fmt::format("Only {} labels ({}) are expected for {} blocks.",
                                s->labels.size(), JoinLabels(s->labels), b.type),
                    b.label_ranges[s->labels.size()], context);
      }
      continue;
    }
    if (b.labels.size() < s->labels.size()) {
      diags.Error(fmt::format("Missing {} for {}", s->labels[b.labels.size()], b.type),
                  fmt::format("All {} blocks must have {} labels ({}).", b.type, s->labels.size(),
                              JoinLabels(s->labels)),
                  b.open_brace_range, context);
      continue;
    }
    content.blocks.push_back(&b);
  }
  return content;
}

BodyContent Content(const ast::Body& body, const Range& missing_item_range,
                    const BodySchema& schema, Diagnostics& diags) {
  BodyContent content = PartialContent(body, missing_item_range, schema, diags);
  for (const ast::Attribute* a : content.remain_attributes) {
    std::vector<std::string_view> candidates;
    for (const AttributeSchema& s : schema.attributes) {
      if (!content.Find(s.name)) candidates.push_back(s.name);
    }
    std::string suggestion;
    if (std::string s = NameSuggestion(a->name, candidates); !s.empty()) {
      suggestion = fmt::format(" Did you mean \"{}\"?", s);
    } else if (FindBlockSchema(schema, a->name)) {
      suggestion = fmt::format(" Did you mean to define a block of type \"{}\"?", a->name);
    }
    diags.Error("Unsupported argument",
                fmt::format("An argument named \"{}\" is not expected here.{}", a->name,
                            suggestion),
                a->name_range);
  }
  for (const ast::Block* b : content.remain_blocks) {
    std::vector<std::string_view> candidates;
    for (const BlockSchema& s : schema.blocks) candidates.push_back(s.type);
    std::string suggestion;
    if (std::string s = NameSuggestion(b->type, candidates); !s.empty()) {
      suggestion = fmt::format(" Did you mean \"{}\"?", s);
    } else if (FindAttributeSchema(schema, b->type)) {
      suggestion = fmt::format(
          " Did you mean to define argument \"{}\"? If so, use the equals sign to assign it a "
          "value.",
          b->type);
    }
    diags.Error("Unsupported block type",
                fmt::format("Blocks of type \"{}\" are not expected here.{}", b->type,
                            suggestion),
                b->type_range);
  }
  content.remain_attributes.clear();
  content.remain_blocks.clear();
  return content;
}

std::vector<const ast::Attribute*> JustAttributes(const ast::Body& body, Diagnostics& diags) {
  if (!body.blocks.empty()) {
    const ast::Block& b = body.blocks.front();
    diags.Error(fmt::format("Unexpected \"{}\" block", b.type), "Blocks are not allowed here.",
                b.type_range);
  }
  std::vector<const ast::Attribute*> out;
  std::unordered_set<std::string_view> seen;
  for (const ast::Attribute& a : body.attributes) {
    if (seen.insert(a.name).second) out.push_back(&a);
  }
  return out;
}

}  // namespace cairn::config
