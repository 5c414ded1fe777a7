#pragma once
/// hcl's body-schema decoding (hcl.Body.Content / PartialContent / JustAttributes) over the AST,
/// with hclsyntax's exact diagnostics: "Unsupported argument", "Unsupported block type",
/// "Missing required argument", "Missing <label> for <type>", "Extraneous label for <type>".

#include <string>
#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/syntax/ast.h"

namespace cairn::config {

struct AttributeSchema {
  std::string_view name;
  bool required = false;
};

struct BlockSchema {
  std::string_view type;
  std::vector<std::string_view> labels;
};

struct BodySchema {
  std::vector<AttributeSchema> attributes;
  std::vector<BlockSchema> blocks;
};

/// What a schema extracted from a body. Blocks whose label count did not match the schema are
/// left out (an error was reported for them).
struct BodyContent {
  std::vector<const ast::Attribute*> attributes;  // in schema order
  std::vector<const ast::Block*> blocks;           // in source order
  /// PartialContent only: everything the schema did not name, in source order.
  std::vector<const ast::Attribute*> remain_attributes;
  std::vector<const ast::Block*> remain_blocks;

  const ast::Attribute* Find(std::string_view name) const;
};

/// Where "Missing required argument" points: an empty range at the start of the body, which
/// for a block is its opening brace (hclsyntax's Body.MissingItemRange).
Range MissingItemRange(const ast::Block& block);

/// hcl's Body.PartialContent: schema attributes and blocks; nothing is reported about others.
BodyContent PartialContent(const ast::Body& body, const Range& missing_item_range,
                           const BodySchema& schema, Diagnostics& diags);

/// hcl's Body.Content: PartialContent plus errors for every argument and block the schema does
/// not name (with hcl's "Did you mean" suggestions).
BodyContent Content(const ast::Body& body, const Range& missing_item_range,
                    const BodySchema& schema, Diagnostics& diags);

inline BodyContent Content(const ast::Block& block, const BodySchema& schema, Diagnostics& diags) {
  return Content(*block.body, MissingItemRange(block), schema, diags);
}
inline BodyContent PartialContent(const ast::Block& block, const BodySchema& schema,
                                  Diagnostics& diags) {
  return PartialContent(*block.body, MissingItemRange(block), schema, diags);
}

/// hcl's Body.JustAttributes: all attributes; an error for the first nested block, if any.
std::vector<const ast::Attribute*> JustAttributes(const ast::Body& body, Diagnostics& diags);


/// hclsyntax.ValidIdentifier: a letter or underscore, then letters, digits, underscores, dashes.
bool ValidIdentifier(std::string_view name);

/// hcl's Block.DefRange: the type keyword through the last label.
Range DefRange(const ast::Block& block);

/// hcl's Range.String(): `main.tf:3,1-15`, or `main.tf:3,1-4,2` across lines.
std::string RangeString(const Range& r);

}  // namespace cairn::config
