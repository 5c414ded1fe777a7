#include "lang/eval/variables.h"

#include <algorithm>
#include <string>

namespace cairn::eval {
namespace {

class VariableCollector {
 public:
  void Walk(const ast::Expr* e) {
    if (e == nullptr) return;
    switch (e->kind) {
      case ast::ExprKind::kScopeTraversal:
        if (std::find(bound_.begin(), bound_.end(), e->root_name) == bound_.end()) {
          out_.push_back(e);
        }
        for (const ast::TraversalStep& step : e->steps) Walk(step.key.get());
        return;
      case ast::ExprKind::kFor:
      case ast::ExprKind::kTemplateFor: {
        const ast::ForData& f = *e->for_data;
        Walk(f.collection.get());
        size_t before = bound_.size();
        if (!f.key_var.empty()) bound_.push_back(f.key_var);
        bound_.push_back(f.value_var);
        Walk(f.key_expr.get());
        Walk(f.value_expr.get());
        Walk(f.condition.get());
        bound_.resize(before);
        return;
      }
      case ast::ExprKind::kObject:
        for (const ast::ObjectItem& item : e->object_items) {
          bool bare = item.key_is_bare_name && item.key &&
                      item.key->kind == ast::ExprKind::kScopeTraversal && item.key->steps.empty();
          if (!bare) Walk(item.key.get());
          Walk(item.value.get());
        }
        return;
      default:
        break;
    }
    for (const ast::ExprPtr& part : e->parts) Walk(part.get());
    // A template `if` keeps its condition in `condition`; a conditional too.
    Walk(e->condition.get());
    Walk(e->operand.get());
    Walk(e->other.get());
    Walk(e->index.get());
    Walk(e->each.get());
    for (const ast::ExprPtr& item : e->items) Walk(item.get());
    if (e->call) {
      for (const ast::ExprPtr& arg : e->call->args) Walk(arg.get());
    }
  }

  std::vector<const ast::Expr*> Take() { return std::move(out_); }

 private:
  std::vector<std::string> bound_;
  std::vector<const ast::Expr*> out_;
};

}  // namespace

std::vector<const ast::Expr*> ExpressionVariables(const ast::Expr& expr) {
  VariableCollector c;
  c.Walk(&expr);
  return c.Take();
}

}  // namespace cairn::eval
