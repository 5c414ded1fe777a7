#include "tests/planner/render/plan_fixtures.h"

#include "lang/base/value_json.h"

namespace cairn::planner::render_test {

namespace {

constexpr const char* kProvider = "provider[\"terraform.io/builtin/terraform\"]";

Value S(const char* s) { return Value::String(s); }
Value Sensitive(Value v) { return v.WithMarks(Marks::Sensitive()); }
Value NullDyn() { return Value::Null(Type::Dynamic()); }
Value UnknownString() { return Value::Unknown(Type::String()); }

Type DataType() {
  return Type::Object({{"id", Type::String()},
                       {"input", Type::Dynamic()},
                       {"output", Type::Dynamic()},
                       {"triggers_replace", Type::Dynamic()}});
}

Value Data(Value id, Value input, Value output, Value triggers = NullDyn()) {
  return Value::Object({{"id", std::move(id)},
                        {"input", std::move(input)},
                        {"output", std::move(output)},
                        {"triggers_replace", std::move(triggers)}});
}

addrs::AbsResourceInstance Addr(addrs::ModuleInstance module, const char* name,
                                addrs::InstanceKey key = {}) {
  return {
      std::move(module), {addrs::ResourceMode::kManaged, "terraform_data", name}, std::move(key)};
}

ResourceInstanceChange Change(addrs::AbsResourceInstance addr, Action action, Value before,
                              Value after, ActionReason reason = ActionReason::kNone) {
  ResourceInstanceChange c;
  c.addr = std::move(addr);
  c.provider = kProvider;
  c.action = action;
  c.reason = reason;
  c.before = std::move(before);
  c.after = std::move(after);
  return c;
}

ResourceInstanceChange Create(addrs::AbsResourceInstance addr, Value input,
                              Value triggers = NullDyn(), Value output = UnknownString()) {
  return Change(std::move(addr), Action::kCreate, Value::Null(DataType()),
                Data(UnknownString(), std::move(input), std::move(output), std::move(triggers)));
}

OutputChange Output(const char* name, Action action, Value before, Value after,
                    bool sensitive = false) {
  return {name, action, std::move(before), std::move(after), sensitive, sensitive};
}

addrs::InstanceKey Str(const char* k) { return addrs::InstanceKey::String(k); }
addrs::InstanceKey Int(int64_t i) { return addrs::InstanceKey::Int(i); }

/// Records `object` (whose sensitive parts are listed in `sensitive_json`) in `state`.
void Record(state::State& state, const addrs::AbsResourceInstance& addr, const Value& object,
            const std::string& each, std::string sensitive_json = "[]",
            std::vector<std::string> dependencies = {}, bool tainted = false) {
  state::ObjectState o;
  if (tainted) o.status = state::ObjectState::Status::kTainted;
  o.attributes_json = EncodeJson(object.UnmarkedDeep()).json;
  o.sensitive_attributes_json = std::move(sensitive_json);
  o.dependencies = std::move(dependencies);
  state.SetCurrent(addr, o, kProvider, each);
}

}  // namespace

Schemas TerraformSchemas() {
  providers::Schema data;
  auto attr = [](const char* name, Type t, bool optional, bool computed) {
    providers::Attribute a;
    a.name = name;
    a.type = std::move(t);
    a.optional = optional;
    a.computed = computed;
    return a;
  };
  data.block.attributes = {attr("id", Type::String(), false, true),
                           attr("input", Type::Dynamic(), true, false),
                           attr("output", Type::Dynamic(), false, true),
                           attr("triggers_replace", Type::Dynamic(), true, false)};
  providers::ProviderSchema terraform;
  terraform.resource_types.emplace("terraform_data", data);
  Schemas schemas;
  schemas.emplace("terraform.io/builtin/terraform", terraform);
  return schemas;
}

Plan CreatePlan() {
  Plan plan;
  plan.variables.emplace("n", Value::Int(2));
  plan.variables.emplace("name", S("n1"));
  plan.variables.emplace("secret", Sensitive(S("s3cr3t")));

  plan.changes.push_back(Create(Addr({}, "counted", Int(0)), S("item-0")));
  plan.changes.push_back(Create(Addr({}, "counted", Int(1)), S("item-1")));
  plan.changes.push_back(
      Create(Addr({}, "each", Str("x")), S("x"), Value::Tuple({S("x"), UnknownString()})));
  plan.changes.push_back(
      Create(Addr({}, "each", Str("y")), S("y"), Value::Tuple({S("y"), UnknownString()})));
  Value plain_input = Value::Object({{"name", S("n1")},
                                     {"secret", Sensitive(S("s3cr3t"))},
                                     {"tags", Value::Tuple({S("a"), S("b")})}});
  plan.changes.push_back(
      Create(Addr({}, "plain"), plain_input, NullDyn(), Value::Unknown(plain_input.type())));
  plan.changes.push_back(Create(Addr({{"child", Int(0)}}, "inner", Str("a")), S("c0-a")));
  plan.changes.push_back(Create(Addr({{"child", Int(1)}}, "inner", Str("a")), S("c1-a")));
  plan.changes.push_back(Create(Addr({{"single", {}}}, "inner", Str("a")), S("s-a")));

  plan.outputs.push_back(Output("child_out", Action::kCreate, Value(), Value::DynamicUnknown()));
  plan.outputs.push_back(Output("plain_id", Action::kCreate, Value(), UnknownString()));
  plan.outputs.push_back(Output("secret", Action::kCreate, Value(), S("s3cr3t"), true));
  plan.outputs.push_back(Output("static", Action::kCreate, Value(), S("hello <&>")));

  plan.prior_state.outputs["secret"] = {S("s3cr3t"), true};
  plan.prior_state.outputs["static"] = {S("hello <&>"), false};
  plan.prev_run_state = plan.prior_state;
  plan.prev_run_state.outputs.clear();
  return plan;
}

Plan ChangePlan() {
  Plan plan;
  plan.variables.emplace("name", S("n1"));
  plan.variables.emplace("secret", Sensitive(S("changed")));
  state::State& prior = plan.prior_state;
  prior.lineage = "3f1c2a4e-1111-2222-3333-444455556666";
  prior.serial = 1;

  auto same = [&](addrs::AbsResourceInstance addr, const char* id, Value v, const char* each,
                  Action action, ActionReason reason = ActionReason::kNone) {
    Value object = Data(S(id), v, v);
    Record(prior, addr, object, each);
    Value after = action == Action::kDelete ? Value::Null(DataType()) : object;
    plan.changes.push_back(Change(addr, action, object, after, reason));
  };
  same(Addr({}, "cnt", Int(0)), "698bf2b7-e1c6-9707-6744-4eabcd2c25c2", Value::Int(0), "list",
       Action::kNoOp);
  same(Addr({}, "cnt", Int(1)), "36115d9a-2cb6-8067-96b4-990cc19d484b", Value::Int(1), "list",
       Action::kDelete, ActionReason::kDeleteBecauseCountIndex);
  same(Addr({}, "cnt", Int(2)), "907f1992-9b81-0002-4364-ad7b30fd9247", Value::Int(2), "list",
       Action::kDelete, ActionReason::kDeleteBecauseCountIndex);
  same(Addr({}, "del"), "f7305d82-4810-87eb-ee7b-edc2594a0e76", S("gone"), "", Action::kDelete,
       ActionReason::kDeleteBecauseNoResourceConfig);
  same(Addr({}, "keep"), "ac2b98f3-ac27-f62d-8455-93e499b1763a", S("n1"), "", Action::kNoOp);
  same(Addr({}, "new"), "56235520-e169-9c7b-55af-3035f7e5e864", S("moving"), "", Action::kNoOp);
  plan.changes.back().previous_addr = Addr({}, "old");

  Value rep_before = Data(S("a39827ac-8405-f6a3-b267-a70e01ee2a36"), S("same"), S("same"), S("t1"));
  Record(prior, Addr({}, "rep"), rep_before, "");
  ResourceInstanceChange rep = Change(Addr({}, "rep"), Action::kDeleteThenCreate, rep_before,
                                      Data(UnknownString(), S("same"), UnknownString(), S("t2")),
                                      ActionReason::kReplaceBecauseCannotUpdate);
  rep.required_replace = {{PathStep::Attr("triggers_replace")}};
  plan.changes.push_back(rep);

  Value sens_in_before = Value::Object({{"plain", S("p")}, {"secret", Sensitive(S("s3cr3t"))}});
  Value sens_out_before = Value::Object({{"plain", S("p")}, {"secret", S("s3cr3t")}});
  Value sens_before =
      Data(S("82639f50-89fe-d9f7-7898-b8d37ddae5db"), sens_in_before, sens_out_before);
  Record(prior, Addr({}, "sens"), sens_before, "",
         R"([[{"type":"get_attr","value":"input"},{"type":"get_attr","value":"secret"}]])");
  Value sens_in_after = Value::Object({{"plain", S("p")}, {"secret", Sensitive(S("changed"))}});
  plan.changes.push_back(Change(Addr({}, "sens"), Action::kUpdate, sens_before,
                                Data(S("82639f50-89fe-d9f7-7898-b8d37ddae5db"), sens_in_after,
                                     Value::Unknown(sens_in_after.type()))));

  Value trig_before = Data(S("6e63f5af-7351-e732-f3aa-b31174b4b9c4"), S("t"), S("t"));
  Record(prior, Addr({}, "trig"), trig_before, "", "[]", {"terraform_data.upd"});
  plan.changes.push_back(Change(Addr({}, "trig"), Action::kDeleteThenCreate, trig_before,
                                Data(UnknownString(), S("t"), UnknownString()),
                                ActionReason::kReplaceByTriggers));

  Value upd_before = Data(S("baa0f408-904d-2574-e51d-3e626f5d00c7"), S("v1"), S("v1"));
  Record(prior, Addr({}, "upd"), upd_before, "");
  plan.changes.push_back(
      Change(Addr({}, "upd"), Action::kUpdate, upd_before,
             Data(S("baa0f408-904d-2574-e51d-3e626f5d00c7"), S("v2"), UnknownString())));

  same(Addr({{"m", Str("a")}}, "inner"), "823a8e3c-84c8-56f8-24b8-228cca3e79dd", S("a"), "",
       Action::kNoOp);
  same(Addr({{"m", Str("b")}}, "inner"), "415223c9-d42c-37d7-db05-3fbed2ac49f6", S("b"), "",
       Action::kDelete, ActionReason::kDeleteBecauseNoModule);

  plan.outputs.push_back(Output("added", Action::kCreate, Value(), Value::DynamicUnknown()));
  plan.outputs.push_back(Output("changes", Action::kUpdate, S("one"), S("two")));
  plan.outputs.push_back(Output("removed", Action::kDelete, S("bye"), Value()));
  plan.outputs.push_back(Output("same", Action::kNoOp, S("n1"), S("n1")));
  plan.outputs.push_back(Output("secret", Action::kUpdate, S("s3cr3t"), S("changed"), true));

  prior.outputs["changes"] = {S("two"), false};
  prior.outputs["removed"] = {S("bye"), false};
  prior.outputs["same"] = {S("n1"), false};
  prior.outputs["secret"] = {S("changed"), true};
  plan.prev_run_state = prior;
  return plan;
}

Plan ReasonsPlan() {
  Plan plan;
  state::State& prior = plan.prior_state;
  Value kept = Data(S("175e50e5-14a0-4ee6-4a29-2b86d531910b"), Sensitive(S("hidden")), S("hidden"));
  Record(prior, Addr({}, "kept"), kept, "", R"([[{"type":"get_attr","value":"input"}]])");
  plan.changes.push_back(Change(Addr({}, "kept"), Action::kNoOp, kept, kept));

  Value requested = Data(S("00537955-6e6c-2d10-b752-4e850d942fca"), S("r"), S("r"));
  Record(prior, Addr({}, "requested"), requested, "");
  plan.changes.push_back(Change(Addr({}, "requested"), Action::kCreateThenDelete, requested,
                                Data(UnknownString(), S("r"), UnknownString()),
                                ActionReason::kReplaceByRequest));
  plan.changes.back().create_before_destroy = true;

  Value tainted = Data(S("78a71b83-56ad-730b-0330-368cf203f7dd"), S("t"), S("t"));
  Record(prior, Addr({}, "tainted"), tainted, "", "[]", {}, /*tainted=*/true);
  plan.changes.push_back(Change(Addr({}, "tainted"), Action::kDeleteThenCreate, tainted,
                                Data(UnknownString(), S("t"), UnknownString()),
                                ActionReason::kReplaceBecauseTainted));

  plan.outputs.push_back(Output("kept", Action::kNoOp, S("hidden"), S("hidden"), true));
  prior.outputs["kept"] = {S("hidden"), true};
  plan.force_replace = {Addr({}, "requested")};
  plan.prev_run_state = prior;
  return plan;
}

Plan DestroyPlan() {
  Plan plan;
  plan.mode = PlanMode::kDestroy;
  plan.variables.emplace("name", S("n1"));
  plan.variables.emplace("secret", Sensitive(S("s3cr3t")));
  state::State& prior = plan.prior_state;
  auto gone = [&](addrs::AbsResourceInstance addr, Value object, const char* each,
                  std::string sensitive = "[]", std::vector<std::string> deps = {}) {
    Record(prior, addr, object, each, std::move(sensitive), std::move(deps));
    plan.changes.push_back(Change(addr, Action::kDelete, object, Value::Null(DataType())));
  };
  auto same = [&](const char* id, Value v) { return Data(S(id), v, v); };
  gone(Addr({}, "cnt", Int(0)), same("80bc08f8-bad1-d27b-2e65-b0c48a469edb", Value::Int(0)),
       "list");
  gone(Addr({}, "cnt", Int(1)), same("f18d6d8f-8a4e-fe5d-7174-5147f332e3db", Value::Int(1)),
       "list");
  gone(Addr({}, "cnt", Int(2)), same("4b527f26-c7ff-4336-5bff-203e3ed1d0f8", Value::Int(2)),
       "list");
  gone(Addr({}, "del"), same("1430e416-1db6-8c8a-9a40-547c6c7a852f", S("gone")), "");
  gone(Addr({}, "keep"), same("e72f9ddb-94fc-1271-48a8-659c94c54849", S("n1")), "");
  gone(Addr({}, "old"), same("64e5373f-a11a-1b4a-2e1b-12b48678e5b5", S("moving")), "");
  gone(Addr({}, "rep"),
       Data(S("ff65267b-cce4-351b-6794-f332f7a7386c"), S("same"), S("same"), S("t1")), "");
  gone(Addr({}, "sens"),
       Data(S("6b687b0d-a4d3-b9f5-29c5-4ef94eff75ea"),
            Value::Object({{"plain", S("p")}, {"secret", Sensitive(S("s3cr3t"))}}),
            Value::Object({{"plain", S("p")}, {"secret", S("s3cr3t")}})),
       "", R"([[{"type":"get_attr","value":"input"},{"type":"get_attr","value":"secret"}]])");
  gone(Addr({}, "trig"), same("94763e2f-9a6b-0da4-52d9-2a1e6d9076ed", S("t")), "", "[]",
       {"terraform_data.upd"});
  gone(Addr({}, "upd"), same("71451864-c066-8ffe-e375-901a336cccf3", S("v1")), "");
  gone(Addr({{"m", Str("a")}}, "inner"), same("e62816fb-912e-2ae6-e35f-60ec28555647", S("a")), "");
  gone(Addr({{"m", Str("b")}}, "inner"), same("26be0bbb-14e2-0745-7a53-574d23a33a2c", S("b")), "");

  plan.outputs.push_back(Output("changes", Action::kDelete, S("one"), Value()));
  plan.outputs.push_back(Output("removed", Action::kDelete, S("bye"), Value()));
  plan.outputs.push_back(Output("same", Action::kDelete, S("n1"), Value()));
  plan.outputs.push_back(Output("secret", Action::kDelete, S("s3cr3t"), Value(), true));
  prior.outputs["changes"] = {S("one"), false};
  prior.outputs["removed"] = {S("bye"), false};
  prior.outputs["same"] = {S("n1"), false};
  prior.outputs["secret"] = {S("s3cr3t"), true};
  plan.prev_run_state = prior;
  return plan;
}

}  // namespace cairn::planner::render_test
