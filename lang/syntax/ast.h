#pragma once
/// The syntax tree of HCL's native syntax, modelled on hashicorp/hcl's `hclsyntax` node types.
/// It is pure data: the parser builds it, lang/config and lang/eval read it. Every node carries
/// its full source range plus the sub-ranges its diagnostics need (hcl's SrcRange, NameRange,
/// OpenRange, ...). The tree owns its children through unique_ptr; nodes are not shared.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lang/base/source.h"

namespace cairn::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  kLiteral,            // null, true, false, a number, or one literal string part of a template
  kTemplate,           // "a ${b} c", heredocs: parts are expressions
  kTemplateWrap,       // "${x}" alone: the value of x, not converted to a string
  kTemplateIf,         // %{ if c }...%{ else }...%{ endif } inside a template
  kTemplateFor,        // %{ for k, v in coll }...%{ endfor } inside a template
  kScopeTraversal,     // var.a.b[0]: a root name followed by static attribute/index steps
  kRelativeTraversal,  // (expr).a[0]: static steps applied to the value of an expression
  kIndex,              // coll[key] where key is not a literal
  kSplat,              // src.*.a or src[*].a
  kAnonSymbol,         // the element placeholder inside a splat's `each`
  kFunctionCall,       // f(a, b...) or provider::p::f(a)
  kConditional,        // c ? a : b
  kBinaryOp,           // a + b
  kUnaryOp,            // -a, !a
  kTuple,              // [a, b]
  kObject,             // {a = 1, "b" = 2, (k) = 3}
  kFor,                // [for ...] or {for ...}
  kParens,             // (a)
  kInvalid,            // placeholder for an expression that failed to parse (hclsyntax's
                       // ExprSyntaxError): keeps its attribute in the partial AST so that
                       // later phases report no follow-on errors; its value is unknown
};

enum class BinaryOperator {
  kOr, kAnd,
  kEqual, kNotEqual,
  kLessThan, kLessThanOrEqual, kGreaterThan, kGreaterThanOrEqual,
  kAdd, kSubtract,
  kMultiply, kDivide, kModulo,
};

enum class UnaryOperator { kNegate, kNot };

/// One static step of a traversal.
struct TraversalStep {
  enum class Kind {
    kAttr,   // .name
    kIndex,  // [literal] or legacy .0; `key` is a literal expression (number or string)
  };
  Kind kind = Kind::kAttr;
  std::string name;  // kAttr
  ExprPtr key;       // kIndex: always a kLiteral expression
  Range range;       // the step's own source range, e.g. `.name` or `["k"]`
};

/// The literal value of a kLiteral expression.
struct LiteralValue {
  enum class Kind { kNull, kBool, kNumber, kString };
  Kind kind = Kind::kNull;
  bool boolean = false;
  /// kNumber: the number's source text (e.g. "1.5e3"), kept exact for arbitrary precision.
  /// kString: the decoded string (escapes resolved, UTF-8).
  std::string text;
};

/// An item of an object constructor.
struct ObjectItem {
  ExprPtr key;
  ExprPtr value;
  /// The key is a bare identifier (`a = 1`), which means the string "a", never a variable.
  /// A parenthesised key `(a) = 1` is a kParens expression and is evaluated.
  bool key_is_bare_name = false;
  Range equals_range;  // the `=` or `:` between key and value
};

/// A function argument list and the ranges hcl reports against.
struct FunctionCallData {
  std::string name;  // full name, "provider::p::f" for namespaced functions
  std::vector<ExprPtr> args;
  bool expand_final = false;  // last argument followed by `...`
  Range name_range;
  Range open_paren_range;
  Range close_paren_range;
  Range ellipsis_range;  // when expand_final
};

/// A `for` expression; the object form has `key_expr`.
struct ForData {
  std::string key_var;  // empty when only a value variable is declared
  std::string value_var;
  ExprPtr collection;
  ExprPtr key_expr;  // object form only
  ExprPtr value_expr;
  ExprPtr condition;  // optional `if`
  bool group = false;  // object form with `...` after the value
  Range key_var_range;
  Range value_var_range;
  Range open_range;   // `[` or `{`
  Range close_range;  // `]` or `}`
};

/// An expression node. `kind` says which of the fields are meaningful.
struct Expr {
  ExprKind kind;
  Range range;

  // kLiteral
  LiteralValue literal;

  // kTemplate: parts; kTemplateWrap: operand
  std::vector<ExprPtr> parts;
  bool heredoc = false;  // kTemplate that came from a heredoc

  // kScopeTraversal: root name + steps. kRelativeTraversal: operand + steps.
  std::string root_name;
  Range root_range;
  std::vector<TraversalStep> steps;

  // Operands. kTemplateWrap/kParens/kUnaryOp/kRelativeTraversal: operand.
  // kIndex: operand = collection, index = key. kSplat: operand = source, each = per-item expr
  // (built on a kAnonSymbol). kConditional: condition ? operand : other.
  // kBinaryOp: operand op other. kTemplateIf: condition, then_part = operand, else = other.
  ExprPtr operand;
  ExprPtr other;
  ExprPtr condition;
  ExprPtr index;
  ExprPtr each;
  bool full_splat = false;  // kSplat: [*] (true) or .* (false)
  Range op_range;           // operator token, `[` of an index, the `.*`/`[*]` of a splat

  BinaryOperator binary_op = BinaryOperator::kAdd;
  UnaryOperator unary_op = UnaryOperator::kNegate;

  // kTuple
  std::vector<ExprPtr> items;
  // kObject
  std::vector<ObjectItem> object_items;
  Range open_range;   // kTuple/kObject: `[`/`{`
  Range close_range;  // kTuple/kObject: `]`/`}`

  // kFunctionCall
  std::unique_ptr<FunctionCallData> call;
  // kFor, kTemplateFor (kTemplateFor uses value_expr as the repeated template body)
  std::unique_ptr<ForData> for_data;

  explicit Expr(ExprKind k) : kind(k) {}
};

struct Body;

/// `name = expr`
struct Attribute {
  std::string name;
  ExprPtr expr;
  Range range;  // whole attribute, name through end of expression
  Range name_range;
  Range equals_range;
};

/// `type "label" label2 { body }` (labels quoted or bare).
struct Block {
  std::string type;
  std::vector<std::string> labels;
  std::vector<Range> label_ranges;
  std::unique_ptr<Body> body;
  Range type_range;
  Range open_brace_range;
  Range close_brace_range;
  Range range;  // whole block
  /// Range covering type and labels: hcl's DefRange, used as a diagnostic subject.
  Range DefRange() const;
};

/// A body: attributes and blocks, each list in source order.
struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  Range range;      // the inside of the braces, or the whole file
  Range end_range;  // an empty range at the end of the body (the closing brace), for "missing" errors

  const Attribute* FindAttribute(std::string_view name) const;
};

/// A parsed file. Keeps the source bytes so diagnostics can quote them.
struct File {
  FileName filename;
  std::string source;
  Body body;
};

}  // namespace cairn::ast
