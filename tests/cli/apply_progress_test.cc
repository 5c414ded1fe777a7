/// Apply's progress on a terminal: Terraform's per-resource lines with a live status line
/// (done/total, running, elapsed) kept below them, and erased before the summary.

#include <gtest/gtest.h>

#include <sstream>

#include "cli/apply_run.h"

namespace cairn::cli {
namespace {

addrs::AbsResourceInstance Addr(const std::string& text) {
  return *addrs::ParseAbsResourceInstance(text).addr;
}

TEST(ApplyProgressTest, StatusLineStaysBelowTheProgressLines) {
  std::istringstream in;
  std::ostringstream out, err;
  Streams io{in, out, err};
  io.out_tty = true;
  {
    ProgressHooks hooks(io, /*color=*/false);
    hooks.PreApply(Addr("terraform_data.a"), planner::Action::kCreate,
                   Value::Null(Type::Dynamic()));
    hooks.Progress(0, 2, 1);
    hooks.PostApply(Addr("terraform_data.a"), planner::Action::kCreate,
                    Value::Object({{"id", Value::String("x")}}), false,
                    std::chrono::seconds(0));
    hooks.Progress(1, 2, 0);
    hooks.ClearStatus();
  }
  EXPECT_EQ(out.str(),
            "terraform_data.a: Creating...\n"
            "\r\x1b[2K[0/2 done, 1 running, 0s elapsed]"
            "\r\x1b[2Kterraform_data.a: Creation complete after 0s [id=x]\n"
            "\r\x1b[2K[0/2 done, 1 running, 0s elapsed]"
            "\r\x1b[2K[1/2 done, 0 running, 0s elapsed]"
            "\r\x1b[2K");
}

TEST(ApplyProgressTest, NoStatusLineWhenNotATerminal) {
  std::istringstream in;
  std::ostringstream out, err;
  Streams io{in, out, err};
  ProgressHooks hooks(io, /*color=*/false);
  hooks.Progress(0, 2, 1);
  hooks.PreApply(Addr("terraform_data.a"), planner::Action::kDelete,
                 Value::Object({{"id", Value::String("x")}}));
  hooks.PreApplyDeposed(Addr("terraform_data.a"), "0000000a",
                        Value::Object({{"id", Value::String("y")}}));
  EXPECT_EQ(out.str(),
            "terraform_data.a: Destroying... [id=x]\n"
            "terraform_data.a (deposed object 0000000a): Destroying... [id=y]\n");
}

}  // namespace
}  // namespace cairn::cli
