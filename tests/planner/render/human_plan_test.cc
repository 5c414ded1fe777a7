// RenderHumanPlan against Terraform 1.11's plan text: each test builds by hand the Plan the
// scenario tests/planner/render/testdata/<name>/ describes (a.tf applied, b.tf planned; ids
// fixed by the recorder, tests/tools/record_plan_render_goldens.py) and compares the
// rendering with Terraform's, recorded in render.txt.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "lang/base/value_json.h"
#include "planner/render/human_plan.h"
#include "tests/planner/render/render_test_support.h"

namespace cairn::planner {
namespace {

using namespace render_test;  // NOLINT: the test DSL

std::string Golden(const std::string& scenario, bool color = false) {
  std::string text = ReadTestFile("tests/planner/render/testdata/" + scenario +
                                  (color ? "/render_color.txt" : "/render.txt"));
  // Diagnostics Terraform prints after the plan (the forget warning) are not the renderer's.
  size_t warning = text.find(color ? "\x1b[33m\xe2\x95\xb7" : "\nWarning: ");
  if (warning != std::string::npos) text.resize(warning);
  return text;
}

std::string Render(const Plan& plan, bool color = false) {
  HumanPlanOptions o;
  o.color = color;
  return RenderHumanPlan(plan, TerraformSchemas(), o);
}

/// The plain and the coloured rendering match Terraform's.
void Check(const Plan& plan, const std::string& scenario) {
  EXPECT_EQ(Render(plan), Golden(scenario)) << scenario;
  EXPECT_EQ(Render(plan, /*color=*/true), Golden(scenario, /*color=*/true)) << scenario;
}

TEST(HumanPlanTest, Create) {
  Plan plan;
  plan.changes = {
      Create("terraform_data.bool", Data(Unk(), Value::True(), Unk())),
      Create("terraform_data.json",
             Data(Unk(), S(R"({"a":1,"b":[true,null],"c":{"d":"e"}})"), Unk())),
      Create("terraform_data.multi", Data(Unk(), S("line one\nline two\n\n  indented\n"), Unk())),
      Create("terraform_data.none", Data(Unk(), Null(), Null())),
      Create("terraform_data.num", Data(Unk(), N("42.5"), Unk())),
      Create("terraform_data.obj",
             Data(Unk(),
                  Obj({{"count", N("3")},
                       {"empty", Tup({})},
                       {"list", Tup({N("1"), N("2"), N("3")})},
                       {"name", S("x")},
                       {"nested", Obj({{"deep", Tup({Obj({{"a", N("1")}}),
                                                     Obj({{"b", Null()}})})}})},
                       {"tags", Obj({{"env", S("prod")}, {"with space", S("y")}})}}),
                  Unk())),
      Create("terraform_data.set",
             Data(Unk(), Value::Set(Type::String(), {S("b"), S("a")}), Unk())),
      Create("terraform_data.str", Data(Unk(), S("hello"), Unk())),
      Create("terraform_data.trig", Data(Unk(), S("v"), Unk(), Tup({S("t1"), N("2")}))),
      Create("terraform_data.unknown_nested",
             Data(Unk(),
                  Obj({{"id", Value::Unknown(Type::String())},
                       {"known", S("k")},
                       {"list", Tup({Value::Unknown(Type::String()), S("z")})}}),
                  Unk())),
  };
  Check(plan, "create");
}

TEST(HumanPlanTest, UpdateInput) {
  Plan plan;
  plan.changes = {
      Update("terraform_data.a", Data(Id(1), S("x"), S("x")), Data(Id(1), S("y"), Unk())),
      NoOp("terraform_data.same", Data(Id(2), S("s"), S("s"))),
  };
  plan.outputs = {Output("o", S("x"), Unk())};
  Check(plan, "update_input");
}

TEST(HumanPlanTest, UpdateNested) {
  auto letters = [](std::initializer_list<const char*> ls) {
    std::vector<Value> v;
    for (const char* l : ls) v.push_back(S(l));
    return Value::Tuple(std::move(v));
  };
  Value before = Obj({
      {"change", S("old")},
      {"gone", S("bye")},
      {"id", S("same-id")},
      {"keep", S("k")},
      {"list", letters({"a", "b", "c", "d", "e", "f", "g"})},
      {"map", Obj({{"x", N("1")}, {"y", N("2")}, {"z", N("3")}})},
      {"nested", Obj({{"inner", Obj({{"a", N("1")}, {"b", N("2")}})}, {"other", S("o")}})},
      {"numbers", Tup({N("1"), N("2"), N("3")})},
      {"objs", Tup({Obj({{"name", S("one")}, {"v", N("1")}}),
                    Obj({{"name", S("two")}, {"v", N("2")}})})},
  });
  Value after = Obj({
      {"added", Value::True()},
      {"change", S("new")},
      {"id", S("same-id")},
      {"keep", S("k")},
      {"list", letters({"a", "b", "c", "X", "e", "f", "g", "h"})},
      {"map", Obj({{"w", N("0")}, {"x", N("1")}, {"y", N("20")}})},
      {"nested", Obj({{"inner", Obj({{"a", N("1")}, {"b", N("3")}})}, {"other", S("o")}})},
      {"numbers", Tup({})},
      {"objs", Tup({Obj({{"name", S("one")}, {"v", N("1")}}),
                    Obj({{"name", S("two")}, {"v", N("3")}})})},
  });
  Plan plan;
  plan.changes = {Update("terraform_data.a", Data(Id(1), before, before), Data(Id(1), after, Unk()))};
  Check(plan, "update_nested");
}

TEST(HumanPlanTest, ReplaceTriggers) {
  Plan plan;
  ResourceInstanceChange c =
      Replace("terraform_data.a", Data(Id(1), S("x"), S("x"), Tup({S("v1")})),
              Data(Unk(), S("x"), Unk(), Tup({S("v2")})));
  c.required_replace = {{PathStep::Attr("triggers_replace")}};
  plan.changes = {c};
  Check(plan, "replace_triggers");
}

TEST(HumanPlanTest, ReplaceRequest) {
  Plan plan;
  ResourceInstanceChange c =
      Replace("terraform_data.a", Data(Id(1), S("x"), S("x"), Tup({S("v1")})),
              Data(Unk(), S("x"), Unk(), Tup({S("v1")})));
  c.reason = ActionReason::kReplaceByRequest;
  plan.changes = {c};
  Check(plan, "replace_request");
}

TEST(HumanPlanTest, Tainted) {
  Plan plan;
  ResourceInstanceChange c =
      Replace("terraform_data.a", Data(Id(1), S("x"), S("x")), Data(Unk(), S("x"), Unk()));
  c.reason = ActionReason::kReplaceBecauseTainted;
  plan.changes = {c, NoOp("terraform_data.same", Data(Id(2), S("s"), S("s")))};
  plan.outputs = {Output("o", S("x"), Unk())};
  Check(plan, "tainted");
}

TEST(HumanPlanTest, CreateBeforeDestroy) {
  Plan plan;
  ResourceInstanceChange c =
      Replace("terraform_data.a", Data(Id(1), S("x"), S("x"), Obj({{"v", N("1")}})),
              Data(Unk(), S("x"), Unk(), Obj({{"v", N("2")}})));
  c.action = Action::kCreateThenDelete;
  c.required_replace = {{PathStep::Attr("triggers_replace")}};
  plan.changes = {c};
  Check(plan, "create_before_destroy");
}

TEST(HumanPlanTest, DestroyRemoved) {
  Value input = Obj({{"k", S("v")}, {"n", Tup({N("1"), N("2")})}});
  Plan plan;
  plan.changes = {Delete("terraform_data.a", Data(Id(1), input, input),
                         ActionReason::kDeleteBecauseNoResourceConfig),
                  NoOp("terraform_data.b", Data(Id(2), Null(), Null()))};
  Check(plan, "destroy_removed");
}

TEST(HumanPlanTest, CountShrink) {
  Plan plan;
  plan.changes = {
      NoOp("terraform_data.a[0]", Data(Id(1), N("0"), N("0"))),
      Delete("terraform_data.a[1]", Data(Id(2), N("1"), N("1")),
             ActionReason::kDeleteBecauseCountIndex),
      Delete("terraform_data.a[2]", Data(Id(3), N("2"), N("2")),
             ActionReason::kDeleteBecauseCountIndex),
  };
  Check(plan, "count_shrink");
}

TEST(HumanPlanTest, ForEachRemove) {
  Plan plan;
  plan.changes = {
      NoOp("terraform_data.a[\"a\"]", Data(Id(1), S("a"), S("a"))),
      Delete("terraform_data.a[\"b\"]", Data(Id(2), S("b"), S("b")),
             ActionReason::kDeleteBecauseEachKey),
  };
  Check(plan, "for_each_remove");
}

TEST(HumanPlanTest, WrongRepetition) {
  ResourceInstanceChange moved = NoOp("terraform_data.a", Data(Id(1), S("x"), S("x")));
  moved.previous_addr = Addr("terraform_data.a[0]");
  Plan plan;
  plan.changes = {moved, Delete("terraform_data.a[1]", Data(Id(2), S("x"), S("x")),
                                ActionReason::kDeleteBecauseWrongRepetition)};
  Check(plan, "wrong_repetition");
}

TEST(HumanPlanTest, ModuleRemoved) {
  Plan plan;
  plan.changes = {Delete("module.m.terraform_data.in_module", Data(Id(1), S("m"), S("m")),
                         ActionReason::kDeleteBecauseNoResourceConfig)};
  Check(plan, "module_removed");
}

TEST(HumanPlanTest, Moved) {
  ResourceInstanceChange pure = NoOp("terraform_data.c", Data(Id(1), S("same"), S("same")));
  pure.previous_addr = Addr("terraform_data.b");
  ResourceInstanceChange changed =
      Update("terraform_data.e", Data(Id(2), S("old"), S("old")), Data(Id(2), S("new"), Unk()));
  changed.previous_addr = Addr("terraform_data.d");
  Plan plan;
  plan.changes = {pure, changed};
  Check(plan, "moved");
}

TEST(HumanPlanTest, Sensitive) {
  Value s1 = S("s1").WithMarks(Marks::Sensitive());
  Value s2 = S("s2").WithMarks(Marks::Sensitive());
  Plan plan;
  plan.changes = {
      Update("terraform_data.a", Data(Id(1), s1, S("s1")), Data(Id(1), s2, Unk())),
      Update("terraform_data.b", Data(Id(2), S("plain"), S("plain")), Data(Id(2), s2, Unk())),
      Update("terraform_data.c",
             Data(Id(3), Obj({{"pass", S("p1")}, {"user", S("u")}}),
                  Obj({{"pass", S("p1")}, {"user", S("u")}})),
             Data(Id(3), Obj({{"pass", s2}, {"user", S("u")}}), Unk())),
      Create("terraform_data.new", Data(Unk(), Obj({{"pass", s2}, {"user", S("u")}}), Unk())),
  };
  OutputChange out;
  out.name = "s";
  out.action = Action::kCreate;
  out.after = S("s2");
  out.after_sensitive = true;
  plan.outputs = {out};
  Check(plan, "sensitive");
}

TEST(HumanPlanTest, Multiline) {
  Plan plan;
  plan.changes = {
      Update("terraform_data.a", Data(Id(1), S("one\ntwo\nthree\nfour\n"), S("one\ntwo\nthree\nfour\n")),
             Data(Id(1), S("one\n2\nthree\nfour\nfive\n"), Unk())),
      Update("terraform_data.b", Data(Id(2), S("single"), S("single")),
             Data(Id(2), S("now\nmulti"), Unk())),
      Update("terraform_data.c", Data(Id(3), S("x\ny"), S("x\ny")),
             Data(Id(3), S("single again"), Unk())),
      Update("terraform_data.d", Data(Id(4), S("one\ntwo\nthree"), S("one\ntwo\nthree")),
             Data(Id(4), S("one\n2\nthree"), Unk())),
  };
  Check(plan, "multiline");
}

TEST(HumanPlanTest, JsonString) {
  Value a1 = S(R"({"a":1,"b":[1,2],"c":"x","keep":true})");
  Plan plan;
  plan.changes = {
      Update("terraform_data.a", Data(Id(1), a1, a1),
             Data(Id(1), S(R"({"a":2,"b":[1,3],"d":null,"keep":true})"), Unk())),
      Update("terraform_data.tojson", Data(Id(2), S("plain"), S("plain")),
             Data(Id(2), S(R"(["plain"])"), Unk())),
      Update("terraform_data.ws", Data(Id(3), S(R"({"a":1})"), S(R"({"a":1})")),
             Data(Id(3), S(R"({"a": 1})"), Unk())),
  };
  Check(plan, "json_string");
}

TEST(HumanPlanTest, NullTransition) {
  Value c = Obj({{"a", Tup({N("1"), N("2")})}, {"b", S("s")}});
  Plan plan;
  plan.changes = {
      Update("terraform_data.a", Data(Id(1), S("x"), S("x")), Data(Id(1), Null(), Unk())),
      Update("terraform_data.b", Data(Id(2), Null(), Null()), Data(Id(2), S("now set"), Unk())),
      Update("terraform_data.c", Data(Id(3), c, c), Data(Id(3), Null(), Unk())),
  };
  Check(plan, "null_transition");
}

TEST(HumanPlanTest, Sets) {
  Plan plan;
  Value before = Value::Set(Type::String(), {S("a"), S("b"), S("c")});
  Value list = Tup({N("1"), N("2"), N("3")});
  plan.changes = {Update("terraform_data.a", Data(Id(1), before, before),
                         Data(Id(1), Value::Set(Type::String(), {S("a"), S("c"), S("d")}), Unk())),
                  // A reordering of equally long lists is not diffed element by element.
                  Update("terraform_data.b", Data(Id(2), list, list),
                         Data(Id(2), Tup({N("3"), N("1"), N("2")}), Unk()))};
  Check(plan, "sets");
}

TEST(HumanPlanTest, TypeChange) {
  Plan plan;
  plan.changes = {
      Update("terraform_data.a", Data(Id(1), S("5"), S("5")), Data(Id(1), N("5"), Unk())),
      Update("terraform_data.b", Data(Id(2), Tup({S("x")}), Tup({S("x")})),
             Data(Id(2), Obj({{"x", N("1")}}), Unk())),
      Update("terraform_data.c", Data(Id(3), Obj({{"k", S("v")}}), Obj({{"k", S("v")}})),
             Data(Id(3), Tup({S("v")}), Unk())),
  };
  Check(plan, "type_change");
}

TEST(HumanPlanTest, DestroyMode) {
  Plan plan;
  plan.mode = PlanMode::kDestroy;
  plan.changes = {Delete("terraform_data.a", Data(Id(1), S("x"), S("x"))),
                  Delete("terraform_data.same", Data(Id(2), S("s"), S("s")))};
  OutputChange out;
  out.name = "o";
  out.action = Action::kDelete;
  out.before = S("x");
  out.after = Value();
  plan.outputs = {out};
  Check(plan, "destroy_mode");
}

TEST(HumanPlanTest, NoChanges) {
  Plan plan;
  plan.changes = {NoOp("terraform_data.a", Data(Id(1), S("x"), S("x"))),
                  NoOp("terraform_data.same", Data(Id(2), S("s"), S("s")))};
  plan.outputs = {Output("o", S("x"), S("x"))};
  Check(plan, "no_changes");
}

TEST(HumanPlanTest, DestroyEmpty) {
  Plan plan;
  plan.mode = PlanMode::kDestroy;
  Check(plan, "destroy_empty");
}

TEST(HumanPlanTest, RefreshOnlyWithoutDrift) {
  Plan plan;
  plan.mode = PlanMode::kRefreshOnly;
  plan.changes = {NoOp("terraform_data.a", Data(Id(1), S("x"), S("x"))),
                  NoOp("terraform_data.same", Data(Id(2), S("s"), S("s")))};
  plan.outputs = {Output("o", S("x"), S("x"))};
  Check(plan, "refresh_only");
}

TEST(HumanPlanTest, OutputsOnly) {
  Plan plan;
  plan.changes = {NoOp("terraform_data.a", Data(Id(1), S("x"), S("x")))};
  OutputChange created;
  created.name = "from_resource";
  created.action = Action::kCreate;
  created.after = S("x");
  OutputChange list = Output("list", Tup({N("1"), N("2"), N("3")}), Tup({N("1"), N("3"), N("4")}));
  OutputChange added;
  added.name = "new";
  added.action = Action::kCreate;
  added.after = Obj({{"a", N("1")}, {"b", S("two")}});
  OutputChange removed;
  removed.name = "old";
  removed.action = Action::kDelete;
  removed.before = S("o");
  plan.outputs = {created, list, added, removed};
  Check(plan, "outputs_only");
  EXPECT_EQ(RenderOutputChanges(plan.outputs, {}),
            "\nChanges to Outputs:\n"
            "  + from_resource = \"x\"\n"
            "  ~ list          = [\n"
            "        1,\n"
            "      ~ 2 -> 3,\n"
            "      ~ 3 -> 4,\n"
            "    ]\n"
            "  + new           = {\n"
            "      + a = 1\n"
            "      + b = \"two\"\n"
            "    }\n"
            "  - old           = \"o\" -> null\n");
}

TEST(HumanPlanTest, Forget) {
  ResourceInstanceChange forget = NoOp("terraform_data.a", Data(Id(1), S("x"), S("x")));
  forget.action = Action::kForget;
  forget.after = Value::Null(forget.before.type());
  Plan plan;
  plan.changes = {forget, NoOp("terraform_data.b", Data(Id(2), S("y"), S("y")))};
  Check(plan, "forget");
}

TEST(HumanPlanTest, Import) {
  ResourceInstanceChange imported = NoOp("terraform_data.i", Data(S("imported-id"), Null(), Null()));
  imported.import_id = "imported-id";
  Plan plan;
  plan.changes = {imported};
  Check(plan, "import");
}

TEST(HumanPlanTest, DataSourceReadDuringApply) {
  ResourceInstanceChange read = Create("data.terraform_remote_state.r",
                                       Obj({{"backend", S("local")},
                                            {"config", Obj({{"path", Value::Unknown(Type::String())}})},
                                            {"defaults", Null()},
                                            {"outputs", Unk()},
                                            {"workspace", Value::Null(Type::String())}}));
  read.action = Action::kRead;
  read.reason = ActionReason::kReadBecauseConfigUnknown;
  Plan plan;
  // The plan lists managed resources before data resources; the rendering orders by address
  // text, as Terraform's JSON plan does.
  plan.changes = {Create("terraform_data.a", Data(Unk(), S("other.tfstate"), Unk())), read};
  Check(plan, "data_read");
}

// Drift cannot be produced with terraform_data (its refresh returns the state unchanged), so
// these expectations follow Terraform's renderHumanDiffDrift layout.
const char* const kRule =
    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80";

std::string Rule() {
  std::string rule;
  for (int i = 0; i < 7; ++i) rule += kRule;  // 77 box-drawing characters
  return rule;
}

TEST(HumanPlanTest, DriftBeforeChanges) {
  Plan plan;
  plan.drift = {
      Update("terraform_data.a", Data(Id(1), S("x"), S("x")), Data(Id(1), S("x"), S("y"))),
      Delete("terraform_data.gone", Data(Id(2), S("g"), S("g"))),
  };
  plan.changes = {
      Update("terraform_data.a", Data(Id(1), S("x"), S("y")), Data(Id(1), S("z"), Unk()))};
  std::string expected =
      "\nNote: Objects have changed outside of Cairn\n"
      "\n"
      "Cairn detected the following changes made outside of Cairn since the last\n"
      "\"cairn apply\" which may have affected this plan:\n"
      "\n"
      "  # terraform_data.a has changed\n"
      "  ~ resource \"terraform_data\" \"a\" {\n"
      "        id     = \"00000000-0000-0000-0000-000000000001\"\n"
      "      ~ output = \"x\" -> \"y\"\n"
      "        # (1 unchanged attribute hidden)\n"
      "    }\n"
      "\n"
      "  # terraform_data.gone has been deleted\n"
      "  - resource \"terraform_data\" \"gone\" {\n"
      "      - id     = \"00000000-0000-0000-0000-000000000002\" -> null\n"
      "      - input  = \"g\" -> null\n"
      "      - output = \"g\" -> null\n"
      "    }\n"
      "\n"
      "\n"
      "Unless you have made equivalent changes to your configuration, or ignored the\n"
      "relevant attributes using ignore_changes, the following plan may include\n"
      "actions to undo or respond to these changes.\n"
      "\n" +
      Rule() +
      "\n"
      "\n"
      "Cairn used the selected providers to generate the following execution plan.\n"
      "Resource actions are indicated with the following symbols:\n"
      "  ~ update in-place\n"
      "\n"
      "Cairn will perform the following actions:\n"
      "\n"
      "  # terraform_data.a will be updated in-place\n"
      "  ~ resource \"terraform_data\" \"a\" {\n"
      "        id     = \"00000000-0000-0000-0000-000000000001\"\n"
      "      ~ input  = \"x\" -> \"z\"\n"
      "      ~ output = \"y\" -> (known after apply)\n"
      "    }\n"
      "\n"
      "Plan: 0 to add, 1 to change, 0 to destroy.\n";
  EXPECT_EQ(Render(plan), expected);
  // RenderDrift alone is the part before the rule.
  EXPECT_EQ(RenderDrift(plan, TerraformSchemas(), {}),
            expected.substr(0, expected.find("\n" + Rule())));
}

TEST(HumanPlanTest, DriftNotShownWithoutChanges) {
  Plan plan;
  plan.drift = {
      Update("terraform_data.a", Data(Id(1), S("x"), S("x")), Data(Id(1), S("x"), S("y")))};
  plan.changes = {NoOp("terraform_data.a", Data(Id(1), S("x"), S("y")))};
  EXPECT_EQ(Render(plan), Golden("no_changes"));
  EXPECT_EQ(RenderDrift(plan, TerraformSchemas(), {}), "");
}

TEST(HumanPlanTest, RefreshOnlyDrift) {
  Plan plan;
  plan.mode = PlanMode::kRefreshOnly;
  plan.drift = {
      Update("terraform_data.a", Data(Id(1), S("x"), S("x")), Data(Id(1), S("x"), S("y")))};
  plan.changes = {NoOp("terraform_data.a", Data(Id(1), S("x"), S("y")))};
  EXPECT_EQ(Render(plan),
            "\nNote: Objects have changed outside of Cairn\n"
            "\n"
            "Cairn detected the following changes made outside of Cairn since the last\n"
            "\"cairn apply\" which may have affected this plan:\n"
            "\n"
            "  # terraform_data.a has changed\n"
            "  ~ resource \"terraform_data\" \"a\" {\n"
            "        id     = \"00000000-0000-0000-0000-000000000001\"\n"
            "      ~ output = \"x\" -> \"y\"\n"
            "        # (1 unchanged attribute hidden)\n"
            "    }\n"
            "\n"
            "\n"
            "This is a refresh-only plan, so Cairn will not take any actions to undo\n"
            "these. If you were expecting these changes then you can apply this plan to\n"
            "record the updated values in the Cairn state without changing any remote\n"
            "objects.\n");
}

TEST(HumanPlanTest, ErroredPlan) {
  Plan plan;
  plan.errored = true;
  EXPECT_EQ(Render(plan),
            "\nPlanning failed. Cairn encountered an error while generating this plan.\n\n");
  plan.changes = {Create("terraform_data.a", Data(Unk(), S("x"), Unk()))};
  std::string text = Render(plan);
  EXPECT_NE(text.find("\nCairn planned the following actions, but then encountered a problem:\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace cairn::planner
