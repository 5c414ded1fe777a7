#pragma once
// A small vocabulary for building plans and states by hand in renderer tests.

#include <string>
#include <utility>
#include <vector>

#include "lang/base/value.h"
#include "planner/plan/plan.h"
#include "state/state.h"

namespace cairn::planner::render_test {

/// The text of a file under the source tree (path relative to CAIRN_SOURCE_DIR).
std::string ReadTestFile(const std::string& relative);

Value S(std::string s);
/// A number from its decimal text.
Value N(const std::string& text);
Value Null();
/// An unknown of the dynamic pseudo-type.
Value Unk();
Value Obj(std::vector<std::pair<std::string, Value>> attrs);
Value Tup(std::vector<Value> elements);
/// The id the recorder gives the n-th object: "00000000-0000-0000-0000-00000000000n".
Value Id(int n);
/// A terraform_data object (an unknown `id` is an unknown string).
Value Data(Value id, Value input, Value output, Value triggers_replace = Null());

addrs::AbsResourceInstance Addr(const std::string& text);
ResourceInstanceChange Create(const std::string& addr, Value after);
ResourceInstanceChange NoOp(const std::string& addr, Value v);
ResourceInstanceChange Update(const std::string& addr, Value before, Value after);
/// A replacement, destroying first.
ResourceInstanceChange Replace(const std::string& addr, Value before, Value after);
ResourceInstanceChange Delete(const std::string& addr, Value before,
                              ActionReason reason = ActionReason::kNone);
/// An output change; kUpdate when the values differ, else kNoOp.
OutputChange Output(const std::string& name, Value before, Value after);

/// The builtin provider's schemas (terraform_data: id string computed, input/output and
/// triggers_replace dynamic; the terraform_remote_state data source).
const Schemas& TerraformSchemas();

}  // namespace cairn::planner::render_test
