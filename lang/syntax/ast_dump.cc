#include "lang/syntax/ast_dump.h"

namespace cairn::syntax {

namespace {

std::string R(const Range& r) {
  return "@" + std::to_string(r.start.line) + "," + std::to_string(r.start.column) + "-" +
         std::to_string(r.end.line) + "," + std::to_string(r.end.column);
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out.push_back(c);
    }
  }
  return out + "\"";
}

const char* BinaryName(ast::BinaryOperator op) {
  using B = ast::BinaryOperator;
  switch (op) {
    case B::kOr: return "||";
    case B::kAnd: return "&&";
    case B::kEqual: return "==";
    case B::kNotEqual: return "!=";
    case B::kLessThan: return "<";
    case B::kLessThanOrEqual: return "<=";
    case B::kGreaterThan: return ">";
    case B::kGreaterThanOrEqual: return ">=";
    case B::kAdd: return "+";
    case B::kSubtract: return "-";
    case B::kMultiply: return "*";
    case B::kDivide: return "/";
    case B::kModulo: return "%";
  }
  return "?";
}

class Dumper {
 public:
  std::string out;

  void Line(int indent, const std::string& text) {
    out.append(static_cast<size_t>(indent) * 2, ' ');
    out += text;
    out += '\n';
  }

  void Steps(const ast::Expr& e, int indent) {
    for (const ast::TraversalStep& s : e.steps) {
      if (s.kind == ast::TraversalStep::Kind::kAttr) {
        Line(indent, "(.attr " + s.name + " " + R(s.range) + ")");
      } else {
        Line(indent, "(.index " + R(s.range));
        Expr(*s.key, indent + 1);
        Line(indent, ")");
      }
    }
  }

  void Expr(const ast::Expr& e, int in) {
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::kLiteral:
        switch (e.literal.kind) {
          case ast::LiteralValue::Kind::kNull: Line(in, "(null " + R(e.range) + ")"); return;
          case ast::LiteralValue::Kind::kBool:
            Line(in, std::string("(bool ") + (e.literal.boolean ? "true" : "false") + " " +
                         R(e.range) + ")");
            return;
          case ast::LiteralValue::Kind::kNumber:
            Line(in, "(number " + e.literal.text + " " + R(e.range) + ")");
            return;
          case ast::LiteralValue::Kind::kString:
            Line(in, "(string " + Quote(e.literal.text) + " " + R(e.range) + ")");
            return;
        }
        return;
      case K::kTemplate:
        Line(in, std::string(e.heredoc ? "(heredoc " : "(template ") + R(e.range));
        for (const auto& p : e.parts) Expr(*p, in + 1);
        Line(in, ")");
        return;
      case K::kTemplateWrap:
        Line(in, "(template-wrap " + R(e.range));
        Expr(*e.operand, in + 1);
        Line(in, ")");
        return;
      case K::kTemplateIf:
        Line(in, "(template-if " + R(e.range));
        Expr(*e.condition, in + 1);
        Expr(*e.operand, in + 1);
        Expr(*e.other, in + 1);
        Line(in, ")");
        return;
      case K::kTemplateFor:
      case K::kFor: {
        const ast::ForData& f = *e.for_data;
        std::string head = e.kind == K::kFor ? "(for " : "(template-for ";
        if (!f.key_var.empty()) head += f.key_var + " " + R(f.key_var_range) + " ";
        head += f.value_var + " " + R(f.value_var_range);
        if (f.group) head += " group";
        Line(in, head + " " + R(e.range) + " open=" + R(f.open_range) +
                     " close=" + R(f.close_range));
        Line(in + 1, "(in");
        Expr(*f.collection, in + 2);
        Line(in + 1, ")");
        if (f.key_expr) {
          Line(in + 1, "(key");
          Expr(*f.key_expr, in + 2);
          Line(in + 1, ")");
        }
        Line(in + 1, "(value");
        Expr(*f.value_expr, in + 2);
        Line(in + 1, ")");
        if (f.condition) {
          Line(in + 1, "(if");
          Expr(*f.condition, in + 2);
          Line(in + 1, ")");
        }
        Line(in, ")");
        return;
      }
      case K::kScopeTraversal:
        if (e.steps.empty()) {
          Line(in, "(var " + e.root_name + " " + R(e.range) + ")");
          return;
        }
        Line(in, "(traversal " + e.root_name + " " + R(e.root_range) + " " + R(e.range));
        Steps(e, in + 1);
        Line(in, ")");
        return;
      case K::kRelativeTraversal:
        Line(in, "(relative " + R(e.range));
        Expr(*e.operand, in + 1);
        Steps(e, in + 1);
        Line(in, ")");
        return;
      case K::kIndex:
        Line(in, "(index " + R(e.range) + " open=" + R(e.op_range));
        Expr(*e.operand, in + 1);
        Expr(*e.index, in + 1);
        Line(in, ")");
        return;
      case K::kSplat:
        Line(in, std::string(e.full_splat ? "(splat[*] " : "(splat.* ") + R(e.range) +
                     " marker=" + R(e.op_range));
        Expr(*e.operand, in + 1);
        Expr(*e.each, in + 1);
        Line(in, ")");
        return;
      case K::kAnonSymbol:
        Line(in, "(item " + R(e.range) + ")");
        return;
      case K::kFunctionCall: {
        const ast::FunctionCallData& c = *e.call;
        Line(in, "(call " + c.name + (c.expand_final ? " expand" : "") + " " + R(e.range) +
                     " name=" + R(c.name_range) + " open=" + R(c.open_paren_range) +
                     " close=" + R(c.close_paren_range));
        for (const auto& a : c.args) Expr(*a, in + 1);
        Line(in, ")");
        return;
      }
      case K::kConditional:
        Line(in, "(? " + R(e.range));
        Expr(*e.condition, in + 1);
        Expr(*e.operand, in + 1);
        Expr(*e.other, in + 1);
        Line(in, ")");
        return;
      case K::kBinaryOp:
        Line(in, std::string("(") + BinaryName(e.binary_op) + " " + R(e.range) +
                     " op=" + R(e.op_range));
        Expr(*e.operand, in + 1);
        Expr(*e.other, in + 1);
        Line(in, ")");
        return;
      case K::kUnaryOp:
        Line(in, std::string(e.unary_op == ast::UnaryOperator::kNegate ? "(neg " : "(not ") +
                     R(e.range));
        Expr(*e.operand, in + 1);
        Line(in, ")");
        return;
      case K::kTuple:
        Line(in, "(tuple " + R(e.range));
        for (const auto& i : e.items) Expr(*i, in + 1);
        Line(in, ")");
        return;
      case K::kObject:
        Line(in, "(object " + R(e.range));
        for (const ast::ObjectItem& item : e.object_items) {
          Line(in + 1, std::string(item.key_is_bare_name ? "(item-name " : "(item ") +
                           R(item.equals_range));
          Expr(*item.key, in + 2);
          Expr(*item.value, in + 2);
          Line(in + 1, ")");
        }
        Line(in, ")");
        return;
      case K::kInvalid:
        Line(in, "(invalid " + R(e.range) + ")");
        return;
      case K::kParens:
        Line(in, "(parens " + R(e.range));
        Expr(*e.operand, in + 1);
        Line(in, ")");
        return;
    }
  }

  void Body(const ast::Body& b, int in) {
    // Attributes and blocks in source order.
    size_t a = 0, k = 0;
    while (a < b.attributes.size() || k < b.blocks.size()) {
      bool attr_first = k >= b.blocks.size() ||
                        (a < b.attributes.size() &&
                         b.attributes[a].range.start.byte < b.blocks[k].range.start.byte);
      if (attr_first) {
        const ast::Attribute& at = b.attributes[a++];
        Line(in, "(attr " + at.name + " " + R(at.range) + " name=" + R(at.name_range) +
                     " eq=" + R(at.equals_range));
        Expr(*at.expr, in + 1);
        Line(in, ")");
      } else {
        const ast::Block& bl = b.blocks[k++];
        std::string head = "(block " + bl.type;
        for (size_t i = 0; i < bl.labels.size(); ++i) {
          head += " " + Quote(bl.labels[i]) + R(bl.label_ranges[i]);
        }
        Line(in, head + " " + R(bl.range) + " open=" + R(bl.open_brace_range) +
                     " close=" + R(bl.close_brace_range));
        Line(in + 1, "(body " + R(bl.body->range) + " end=" + R(bl.body->end_range));
        Body(*bl.body, in + 2);
        Line(in + 1, ")");
        Line(in, ")");
      }
    }
  }
};

}  // namespace

std::string DumpExpr(const ast::Expr& expr, int indent) {
  Dumper d;
  d.Expr(expr, indent);
  return d.out;
}

std::string DumpBody(const ast::Body& body, int indent) {
  Dumper d;
  d.Body(body, indent);
  return d.out;
}

std::string DumpFile(const ast::File& file) {
  Dumper d;
  d.Line(0, "(file " + std::string(file.filename.str()) + " " + R(file.body.range) +
                " end=" + R(file.body.end_range));
  d.Body(file.body, 1);
  d.Line(0, ")");
  return d.out;
}

}  // namespace cairn::syntax
