#include "planner/plan/instance_plan.h"

#include "planner/plan/proposed_new.h"
#include "planner/plan/value_marks.h"

namespace cairn::planner {
namespace {

/// `config` with the values at `paths` (or every attribute for `all`) taken from `prior`.
Value ApplyIgnoreChanges(const Value& config, const Value& prior, const providers::Block& schema,
                         bool all, const std::vector<ValuePath>& paths) {
  if (prior.IsNull() || !prior.IsKnown() || !config.IsKnown() || config.IsNull()) return config;
  std::vector<std::pair<std::string, Value>> attrs;
  const Type& t = config.type();
  for (size_t i = 0; i < config.Length(); ++i) {
    const std::string& name = t.Attributes()[i].first;
    bool ignored = all;
    for (const ValuePath& p : paths) {
      if (!p.empty() && p[0].kind == PathStep::Kind::kAttr && p[0].name == name &&
          p.size() == 1) {
        ignored = true;
      }
    }
    const Value* pv = prior.Find(name);
    const providers::Attribute* a = schema.FindAttribute(name);
    if (ignored && pv && !(a && a->computed && !a->optional)) {
      attrs.emplace_back(name, *pv);
    } else {
      attrs.emplace_back(name, config.Elements()[i]);
    }
  }
  return Value::Object(std::move(attrs)).WithMarks(config.marks());
}

/// Whether any `requires_replace` path differs between prior and planned.
std::vector<ValuePath> ReplacePaths(const std::vector<ValuePath>& requires_replace,
                                    const Value& prior, const Value& planned) {
  std::vector<ValuePath> out;
  for (const ValuePath& p : requires_replace) {
    const Value* a = ValueAt(prior, p);
    const Value* b = ValueAt(planned, p);
    Value av = a ? *a : Value::Null(Type::Dynamic());
    Value bv = b ? *b : Value::Null(Type::Dynamic());
    if (av.IsNull() && bv.IsNull()) continue;
    if (!av.RawEquals(bv)) out.push_back(p);
  }
  return out;
}

Value MarkLike(const Value& v, const std::vector<ValuePath>& paths,
               const providers::Block& schema) {
  return MarkSchemaSensitive(MarkSensitivePaths(v, paths), schema);
}

}  // namespace

void AddProviderDiagnostics(const Diagnostics& from, const Range& range, Diagnostics& to) {
  for (const Diagnostic& d : from) {
    Diagnostic copy = d;
    if (!copy.subject) copy.subject = range;
    to.Add(copy);
  }
}

InstancePlanResult PlanManagedInstance(const InstancePlanRequest& req) {
  InstancePlanResult out;
  ResourceInstanceChange& change = out.change;
  change.addr = req.addr;
  change.provider = req.provider_addr;
  change.create_before_destroy = req.create_before_destroy;
  const providers::Block& schema = req.schema->block;
  const std::string& type = req.addr.resource.type;

  std::vector<ValuePath> config_marks = SensitivePaths(req.config);
  std::vector<ValuePath> prior_marks = SensitivePaths(req.prior);
  Value config = req.config.UnmarkedDeep();
  Value prior = req.prior.UnmarkedDeep();
  if (!prior.IsNull()) {
    config = ApplyIgnoreChanges(config, prior, schema, req.ignore_all, req.ignore_changes);
  }

  {
    providers::ValidateResourceConfigRequest v;
    v.type_name = type;
    v.config = config;
    Diagnostics vd = req.provider->ValidateResourceConfig(v);
    AddProviderDiagnostics(vd, req.range, out.diagnostics);
    if (vd.HasErrors()) return out;
  }

  providers::PlanResourceChangeRequest p;
  p.type_name = type;
  p.prior_state = prior.IsNull() ? Value::Null(schema.ImpliedType()) : prior;
  p.proposed_new_state = ProposedNew(schema, p.prior_state, config);
  p.config = config;
  p.prior_private = req.prior_private;
  providers::PlanResourceChangeResponse planned = req.provider->PlanResourceChange(p);
  AddProviderDiagnostics(planned.diagnostics, req.range, out.diagnostics);
  if (planned.diagnostics.HasErrors()) return out;

  change.before = prior.IsNull() ? Value::Null(schema.ImpliedType())
                                 : MarkLike(prior, prior_marks, schema);
  if (prior.IsNull()) {
    change.action = Action::kCreate;
    change.after = MarkLike(planned.planned_state, config_marks, schema);
    change.private_data = planned.planned_private;
    return out;
  }

  std::vector<ValuePath> replace_paths =
      ReplacePaths(planned.requires_replace, prior, planned.planned_state);
  bool replace = false;
  if (req.prior_tainted) {
    replace = true;
    change.reason = ActionReason::kReplaceBecauseTainted;
  } else if (req.force_replace) {
    replace = true;
    change.reason = ActionReason::kReplaceByRequest;
  } else if (req.triggered) {
    replace = true;
    change.reason = ActionReason::kReplaceByTriggers;
  } else if (!replace_paths.empty()) {
    replace = true;
    change.reason = ActionReason::kReplaceBecauseCannotUpdate;
  }
  change.required_replace = replace_paths;
  if (!replace) {
    change.action = planned.planned_state.RawEquals(prior) ? Action::kNoOp : Action::kUpdate;
    change.after = MarkLike(planned.planned_state, config_marks, schema);
    // An unchanged object shares the prior's contents (half the memory of a no-op plan, and
    // renderers see equality at once).
    if (change.action == Action::kNoOp && change.after.RawEquals(change.before)) {
      change.after = change.before;
    }
    change.private_data = planned.planned_private;
    return out;
  }
  // A replacement: the new object is planned as a create.
  providers::PlanResourceChangeRequest create;
  create.type_name = type;
  create.prior_state = Value::Null(schema.ImpliedType());
  create.proposed_new_state = ProposedNew(schema, create.prior_state, config);
  create.config = config;
  providers::PlanResourceChangeResponse created = req.provider->PlanResourceChange(create);
  AddProviderDiagnostics(created.diagnostics, req.range, out.diagnostics);
  if (created.diagnostics.HasErrors()) return out;
  change.action = req.create_before_destroy ? Action::kCreateThenDelete
                                            : Action::kDeleteThenCreate;
  change.after = MarkLike(created.planned_state, config_marks, schema);
  change.private_data = created.planned_private;
  return out;
}

}  // namespace cairn::planner
