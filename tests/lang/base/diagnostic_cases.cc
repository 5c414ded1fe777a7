#include "diagnostic_cases.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace cairn::testing {

std::string ReadTestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string CaseDir(const std::string& name) {
  return std::string(CAIRN_SOURCE_DIR) + "/tests/lang/base/testdata/diagnostics/" + name;
}

std::optional<std::string_view> FakeSources::Source(FileName file) const {
  auto it = files_.find(std::string(file.str()));
  if (it == files_.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::string FakeSources::ContextString(FileName file, int64_t byte) const {
  auto it = files_.find(std::string(file.str()));
  if (it == files_.end()) return {};
  const std::string& src = it->second;
  size_t pos = 0;
  while (pos < src.size()) {
    size_t nl = src.find('\n', pos);
    if (nl == std::string::npos) nl = src.size();
    const char c = src[pos];
    const std::string_view line(src.data() + pos, nl - pos);
    const size_t brace = line.find(" {");
    if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && brace != std::string_view::npos) {
      std::string header(line.substr(0, brace));
      // The block ends after the next line that is exactly "}".
      size_t end = src.find("\n}", nl);
      end = end == std::string::npos ? src.size() : end + 2;
      if (byte >= static_cast<int64_t>(pos) && byte < static_cast<int64_t>(end)) return header;
      pos = end;
      continue;
    }
    pos = nl + 1;
  }
  return {};
}

Pos PosAt(std::string_view src, int64_t byte) {
  Pos p;
  p.byte = byte;
  for (int64_t i = 0; i < byte; ++i) {
    const auto c = static_cast<unsigned char>(src[static_cast<size_t>(i)]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

Range Bytes(std::string_view src, FileName file, int64_t start, int64_t end) {
  return Range{file, PosAt(src, start), PosAt(src, end)};
}

Range Span(std::string_view src, FileName file, std::string_view needle, int nth) {
  size_t at = src.find(needle);
  for (int i = 0; i < nth && at != std::string_view::npos; ++i) at = src.find(needle, at + 1);
  EXPECT_NE(at, std::string_view::npos) << "no occurrence " << nth << " of " << needle;
  if (at == std::string_view::npos) return Range{file, {}, {}};
  return Bytes(src, file, static_cast<int64_t>(at), static_cast<int64_t>(at + needle.size()));
}

std::vector<std::string> CaseNames() {
  return {"consolidated_warnings", "crlf",           "function_call", "long_detail", "multi_line",
          "multi_paragraph",       "nested_context", "no_subject",    "several",     "single_line",
          "syntax_error",          "unicode",        "values",        "warning"};
}

namespace {

constexpr const char* kQuotedRefsSummary = "Quoted references are deprecated";
constexpr const char* kQuotedRefsDetail =
    "In this context, references are expected literally rather than in quotes. Terraform 0.11 "
    "and earlier required quotes, but quoted references are now deprecated and will be removed "
    "in a future version of Terraform. Remove the quotes surrounding this reference to silence "
    "this warning.";

std::string UnsupportedBlockDetail(const std::string& type) {
  return "Blocks of type \"" + type + "\" are not expected here.";
}

}  // namespace

DiagnosticCase BuildCase(const std::string& name) {
  DiagnosticCase c;
  c.name = name;
  const FileName f = FileName::Intern("main.tf");
  const std::string src = ReadTestFile(CaseDir(name) + "/main.tf");
  c.sources.Add(f, src);
  Diagnostics& d = c.diagnostics;

  if (name == "single_line" || name == "crlf") {
    d.Error("Unsupported block type", UnsupportedBlockDetail("foo"), Span(src, f, "foo"),
            Span(src, f, "foo \"bar\""));
  } else if (name == "multi_line") {
    const int64_t open = static_cast<int64_t>(src.find('['));
    const int64_t close = static_cast<int64_t>(src.find(']')) + 1;
    const int64_t end = static_cast<int64_t>(src.find("+ 1")) + 3;
    d.Error("Invalid operand", "Unsuitable value for left operand: number required.",
            Bytes(src, f, open, close), Bytes(src, f, open, end));
  } else if (name == "nested_context") {
    d.Error("Unsupported argument", "An argument named \"bar\" is not expected here.",
            Span(src, f, "bar"), Span(src, f, "bar = 2"));
  } else if (name == "no_subject") {
    d.Error("Missing required provider",
            "This configuration requires provider registry.terraform.io/hashicorp/aws, but "
            "that provider isn't available. You may be able to install it automatically by "
            "running:\n  terraform init");
  } else if (name == "warning") {
    d.Warning(kQuotedRefsSummary, kQuotedRefsDetail, Span(src, f, "\"input\""));
  } else if (name == "consolidated_warnings") {
    d.Warning(kQuotedRefsSummary, kQuotedRefsDetail, Span(src, f, "\"input\"", 0));
    d.Warning(kQuotedRefsSummary, kQuotedRefsDetail, Span(src, f, "\"input\"", 1));
    d.Warning(kQuotedRefsSummary, kQuotedRefsDetail, Span(src, f, "\"triggers_replace\""));
  } else if (name == "long_detail") {
    d.Error("Unsupported Terraform Core version",
            "This configuration does not support Terraform version 1.11.4. To proceed, either "
            "choose another supported Terraform version or update this version constraint. "
            "Version constraints are normally set for good reason, so updating the constraint "
            "may lead to other errors or unexpected behavior.",
            Span(src, f, "required_version = \"< 1.0\""));
  } else if (name == "multi_paragraph") {
    d.Error("Output refers to sensitive values",
            "To reduce the risk of accidentally exporting sensitive data that was intended to "
            "be only internal, Terraform requires that any root module output containing "
            "sensitive data be explicitly marked as sensitive, to confirm your intent.\n\nIf "
            "you do intend to export this data, annotate the output value as sensitive by "
            "adding the following argument:\n    sensitive = true",
            Span(src, f, "output \"o\""));
  } else if (name == "unicode") {
    d.Error("Unsupported argument", "An argument named \"föo\" is not expected here.",
            Span(src, f, "föo"), Span(src, f, "föo   = \"bär\""));
  } else if (name == "several") {
    d.Error("Unsupported block type", UnsupportedBlockDetail("foo"), Span(src, f, "foo"),
            Span(src, f, "foo \"bar\""));
    d.Error("Unsupported block type", UnsupportedBlockDetail("baz"), Span(src, f, "baz"),
            Span(src, f, "baz"));
    d.Warning(kQuotedRefsSummary, kQuotedRefsDetail, Span(src, f, "\"input\""));
  } else if (name == "syntax_error") {
    const int64_t nl = static_cast<int64_t>(src.find("= \n")) + 2;
    d.Error("Invalid expression",
            "Expected the start of an expression, but found an invalid expression token.",
            Bytes(src, f, nl, nl + 1));
  } else if (name == "values") {
    Diagnostic e;
    e.summary = "Invalid operand";
    e.detail = "Unsuitable value for right operand: a number is required.";
    e.subject = Span(src, f, "local.prefix");
    e.context = Span(src, f, "length(var.name) + local.prefix");
    e.values = {{"local.prefix", "is \"app\""}};
    d.Add(std::move(e));
  } else if (name == "function_call") {
    auto call = [&](std::string called_as, std::vector<FunctionParamInfo> params,
                    std::optional<FunctionParamInfo> variadic, std::string ret) {
      FunctionCallInfo info;
      info.called_as = called_as;
      info.signature = FunctionCallInfo::Signature{std::move(called_as), std::move(params),
                                                   std::move(variadic), std::move(ret)};
      return info;
    };
    auto error = [&](std::string summary, std::string detail, Range subject, Range context,
                     std::optional<FunctionCallInfo> info) {
      Diagnostic e;
      e.summary = std::move(summary);
      e.detail = std::move(detail);
      e.subject = subject;
      e.context = context;
      e.function_call = std::move(info);
      d.Add(std::move(e));
    };
    auto FirstByteOf = [&](Range r) { return Bytes(src, f, r.start.byte, r.start.byte + 1); };
    // In the order Terraform reported them (its JSON keeps it; its text sorts by position).
    error("Call to unknown function", "There is no function named \"nosuchfunc\".",
          Span(src, f, "nosuchfunc"), Span(src, f, "nosuchfunc(1)"), std::nullopt);
    error("Too many function arguments", "Function \"upper\" expects only 1 argument(s).",
          FirstByteOf(Span(src, f, "2)")), Span(src, f, "upper(var.s, 2)"),
          call("upper", {{"str", "\"string\""}}, std::nullopt, "\"string\""));
    const Range z = Span(src, f, "z");
    error("Invalid function argument",
          "Invalid value for \"numbers\" parameter: a number is required.", z,
          Span(src, f, "max(1, \"z\")"),
          call("max", {}, FunctionParamInfo{"numbers", "\"number\""}, "\"number\""));
    error(
        "Invalid function argument",
        "Invalid value for \"offset\" parameter: a number is required.",
        FirstByteOf(Span(src, f, "x\"")), Span(src, f, "substr(var.s, \"x\", 1)"),
        call("substr", {{"str", "\"string\""}, {"offset", "\"number\""}, {"length", "\"number\""}},
             std::nullopt, "\"string\""));
  } else {
    ADD_FAILURE() << "unknown case " << name;
  }
  return c;
}

}  // namespace cairn::testing
