#include "planner/values/input_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "lang/base/go_quote.h"
#include "lang/config/static_value.h"
#include "lang/syntax/parser.h"
#include "planner/values/tfvars_json.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;

/// A value not parsed yet (Terraform's UnparsedVariableValue): a string from the
/// environment or -var, or an expression (with its value, for JSON files) from a file.
struct RawValue {
  InputSource source = InputSource::kCommandLine;
  std::string text;                  // environment, -var
  std::string env_name;              // environment
  const ast::Expr* expr = nullptr;   // HCL file
  std::optional<Value> json_value;   // JSON file
  Diagnostics json_diagnostics;      // JSON file: problems evaluating the value
  Range range;                       // files: the expression's range
  std::string filename;              // files: as shown in diagnostics
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// `dir` joined with `name` as diagnostics show it (LoadModule's convention).
std::string DisplayPath(std::string_view dir, std::string_view name) {
  fs::path p(dir);
  if (p.is_absolute()) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (!ec) {
      fs::path rel = p.lexically_normal().lexically_relative(cwd.lexically_normal());
      if (!rel.empty()) p = rel;
    }
  }
  return (p / fs::path(name)).lexically_normal().generic_string();
}

class Collector {
 public:
  Collector(CollectInputsResult& out) : out_(out) {}

  void AddEnvironment(const std::vector<std::string>& environ) {
    // TF_VAR_ first, then CAIRN_VAR_ over it.
    for (std::string_view prefix : {"TF_VAR_", "CAIRN_VAR_"}) {
      for (const std::string& raw : environ) {
        if (raw.compare(0, prefix.size(), prefix) != 0) continue;
        std::string_view rest = std::string_view(raw).substr(prefix.size());
        size_t eq = rest.find('=');
        if (eq == std::string_view::npos) continue;
        RawValue v;
        v.source = InputSource::kEnvironment;
        v.text = std::string(rest.substr(eq + 1));
        v.env_name = std::string(prefix) + std::string(rest.substr(0, eq));
        raw_[std::string(rest.substr(0, eq))] = std::move(v);
      }
    }
  }

  /// addVarsFromFile. `path` is the path to read; `shown` the name diagnostics use.
  void AddFile(const std::string& path, const std::string& shown) {
    std::ifstream in(path, std::ios::binary);
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      out_.diagnostics.Error("Failed to read variables file",
                             fmt::format("Given variables file {} does not exist.", shown));
      return;
    }
    if (!in || fs::is_directory(path, ec)) {
      std::string why = fs::is_directory(path, ec) ? "is a directory" : "permission denied";
      out_.diagnostics.Error(
          "Failed to read variables file",
          fmt::format("Error while reading {}: read {}: {}.", shown, shown, why));
      return;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string source = buf.str();
    if (EndsWith(shown, ".json")) {
      AddJsonFile(std::move(source), shown);
    } else {
      AddHclFile(std::move(source), shown);
    }
  }

  void AddVarArgument(const std::string& raw) {
    size_t eq = raw.find('=');
    if (eq == std::string::npos) {
      out_.diagnostics.Error(
          "Invalid -var option",
          fmt::format("The given -var option {} is not correctly specified. Must be a variable "
                      "name and value separated by an equals sign, like -var=\"key=value\".",
                      GoQuote(raw)));
      return;
    }
    std::string name = raw.substr(0, eq);
    std::string value = raw.substr(eq + 1);
    if (!name.empty() && name.back() == ' ') {
      std::string trimmed = name.substr(0, name.size() - 1);
      std::string trimmed_value = value;
      if (!trimmed_value.empty() && trimmed_value.front() == ' ') trimmed_value.erase(0, 1);
      out_.diagnostics.Error(
          "Invalid -var option",
          fmt::format("Variable name {} is invalid due to trailing space. Did you mean "
                      "-var=\"{}={}\"?",
                      GoQuote(name), trimmed, trimmed_value));
      return;
    }
    RawValue v;
    v.source = InputSource::kCommandLine;
    v.text = std::move(value);
    raw_[name] = std::move(v);
  }

  /// Values typed at the prompt, for names that have no value from anywhere else.
  void AddPrompted(const std::map<std::string, std::string, std::less<>>& prompted) {
    for (const auto& [name, text] : prompted) {
      if (raw_.count(name)) continue;
      RawValue v;
      v.source = InputSource::kInput;
      v.text = text;
      raw_[name] = std::move(v);
    }
  }

  /// ParseVariableValues: declared values parsed, undeclared ones reported, required ones
  /// checked.
  void Parse(const config::Module& module) {
    std::set<std::string, std::less<>> declared;
    for (const config::Variable& var : module.variables) {
      declared.insert(var.name);
      auto it = raw_.find(var.name);
      if (it == raw_.end()) continue;
      std::optional<InputValue> parsed = ParseOne(var, it->second, out_.diagnostics);
      if (parsed) out_.values[var.name] = std::move(*parsed);
    }
    // Undeclared values, in name order.
    int seen_in_file = 0;
    for (const auto& [name, raw] : raw_) {
      if (declared.count(name)) continue;
      Diagnostics ignored;
      if (raw.source == InputSource::kFile) {
        if (raw.expr) config::EvalStatic(*raw.expr, ignored);
        if (ignored.HasErrors() || raw.json_diagnostics.HasErrors()) continue;
        if (seen_in_file < 2) {
          out_.diagnostics.Warning(
              "Value for undeclared variable",
              fmt::format("The root module does not declare a variable named {} but a value was "
                          "found in file {}. If you meant to use this value, add a \"variable\" "
                          "block to the configuration.\n\nTo silence these warnings, use "
                          "TF_VAR_... environment variables to provide certain \"global\" "
                          "settings to all configurations in your organization. To reduce the "
                          "verbosity of these warnings, use the -compact-warnings option.",
                          GoQuote(name), GoQuote(raw.filename)));
        }
        ++seen_in_file;
      } else if (raw.source == InputSource::kCommandLine) {
        out_.diagnostics.Error(
            "Value for undeclared variable",
            fmt::format("A variable named {} was assigned on the command line, but the root "
                        "module does not declare a variable of that name. To use this value, "
                        "add a \"variable\" block to the configuration.",
                        GoQuote(name)));
      } else if (raw.source == InputSource::kInput) {
        out_.diagnostics.Error(
            "Value for undeclared variable",
            fmt::format("A variable named {} was assigned a value, but the root module does "
                        "not declare a variable of that name. To use this value, add a "
                        "\"variable\" block to the configuration.",
                        GoQuote(name)));
      }
    }
    if (seen_in_file > 2) {
      out_.diagnostics.Warning(
          "Values for undeclared variables",
          fmt::format("In addition to the other similar warnings shown, {} other variable(s) "
                      "defined without being declared.",
                      seen_in_file - 2));
    }
    for (const config::Variable& var : module.variables) {
      if (out_.values.count(var.name) || var.default_value) continue;
      out_.diagnostics.Error(
          "No value for required variable",
          fmt::format("The root module input variable {} is not set, and has no default value. "
                      "Use a -var or -var-file command line argument to provide a value for "
                      "this variable.",
                      GoQuote(var.name)),
          var.decl_range);
    }
  }

 private:
  void AddHclFile(std::string source, const std::string& shown) {
    syntax::ParseResult parsed = syntax::ParseFile(std::move(source), shown);
    out_.diagnostics.Append(parsed.diagnostics);
    const ast::File& file = *parsed.file;
    out_.files.push_back(std::move(parsed.file));
    // A common mistake: variable declarations in a tfvars file.
    bool declaration = false;
    for (const ast::Block& block : file.body.blocks) {
      if (block.type != "variable" || block.labels.size() != 1) continue;
      declaration = true;
      out_.diagnostics.Error(
          "Variable declaration in .tfvars file",
          fmt::format("A .tfvars file is used to assign values to variables that have already "
                      "been declared in .tf files, not to declare new variables. To declare "
                      "variable {}, place this block in one of your .tf files, such as "
                      "variables.tf.\n\nTo set a value for this variable in {}, use the "
                      "definition syntax instead:\n    {} = <value>",
                      GoQuote(block.labels[0]), shown, block.labels[0]),
          block.type_range);
    }
    if (declaration || out_.diagnostics.HasErrors()) return;
    if (!file.body.blocks.empty()) {
      const ast::Block& example = file.body.blocks.front();
      out_.diagnostics.Error(fmt::format("Unexpected {} block", GoQuote(example.type)),
                             "Blocks are not allowed here.", example.type_range);
    }
    for (const ast::Attribute& attr : file.body.attributes) {
      if (!attr.expr) continue;
      RawValue v;
      v.source = InputSource::kFile;
      v.expr = attr.expr.get();
      v.range = attr.expr->range;
      v.filename = shown;
      raw_[attr.name] = std::move(v);
    }
  }

  void AddJsonFile(std::string source, const std::string& shown) {
    JsonTfvarsResult parsed = ParseJsonTfvars(source, shown);
    out_.diagnostics.Append(parsed.diagnostics);
    auto file = std::make_unique<ast::File>();
    file->filename = FileName::Intern(shown);
    file->source = std::move(source);
    out_.files.push_back(std::move(file));
    for (JsonAttribute& attr : parsed.attributes) {
      RawValue v;
      v.source = InputSource::kFile;
      v.json_value = std::move(attr.value);
      v.json_diagnostics = std::move(attr.value_diagnostics);
      v.range = attr.value_range;
      v.filename = shown;
      raw_[attr.name] = std::move(v);
    }
  }

  /// Terraform parses a string as HCL unless the variable has no type or a primitive one.
  static bool ParsesAsHcl(const config::Variable& var) {
    if (!var.type) return false;
    if (config::IsQuotedString(*var.type)) {
      std::string text;
      config::IsQuotedString(*var.type, &text);
      return text != "string";
    }
    return !var.type_constraint.IsPrimitive();
  }

  std::optional<InputValue> ParseOne(const config::Variable& var, const RawValue& raw,
                                     Diagnostics& diags) {
    InputValue out;
    out.source = raw.source;
    out.env_name = raw.env_name;
    if (raw.source == InputSource::kFile) {
      out.range = raw.range;
      if (raw.json_value) {
        diags.Append(raw.json_diagnostics);
        if (raw.json_diagnostics.HasErrors()) return std::nullopt;
        out.value = *raw.json_value;
        return out;
      }
      Diagnostics d;
      out.value = config::EvalStatic(*raw.expr, d);
      diags.Append(d);
      if (d.HasErrors()) return std::nullopt;
      return out;
    }
    std::string fake = fmt::format("<value for var.{}>", var.name);
    out.range = Range{FileName::Intern(fake), Pos{}, Pos{}};
    if (!ParsesAsHcl(var)) {
      out.value = Value::String(raw.text);
      return out;
    }
    syntax::ExprParseResult parsed = syntax::ParseExpression(raw.text, fake, Pos{1, 1, 0});
    diags.Append(parsed.diagnostics);
    if (parsed.diagnostics.HasErrors() || !parsed.expr) return std::nullopt;
    Diagnostics d;
    out.value = config::EvalStatic(*parsed.expr, d);
    diags.Append(d);
    if (d.HasErrors()) return std::nullopt;
    return out;
  }

  CollectInputsResult& out_;
  std::map<std::string, RawValue, std::less<>> raw_;
};

bool IsAutoVarFile(std::string_view name) {
  return EndsWith(name, ".auto.tfvars") || EndsWith(name, ".auto.tfvars.json");
}

}  // namespace

CollectInputsResult CollectInputValues(
    const config::Module& module, std::string_view dir, const std::vector<std::string>& environ,
    const std::vector<VarArgument>& args,
    const std::map<std::string, std::string, std::less<>>& prompted) {
  CollectInputsResult out;
  Collector collector(out);
  collector.AddEnvironment(environ);

  std::string dir_str(dir.empty() ? "." : dir);
  auto add_if_present = [&](std::string_view name) {
    fs::path p = fs::path(dir_str) / fs::path(name);
    std::error_code ec;
    if (fs::exists(p, ec)) collector.AddFile(p.string(), DisplayPath(dir_str, name));
  };
  add_if_present("terraform.tfvars");
  add_if_present("cairn.tfvars");
  add_if_present("terraform.tfvars.json");
  add_if_present("cairn.tfvars.json");
  std::vector<std::string> auto_files;
  std::error_code ec;
  for (fs::directory_iterator it(dir_str, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (IsAutoVarFile(name)) auto_files.push_back(name);
  }
  std::sort(auto_files.begin(), auto_files.end());
  for (const std::string& name : auto_files) {
    collector.AddFile((fs::path(dir_str) / name).string(), DisplayPath(dir_str, name));
  }

  for (const VarArgument& arg : args) {
    if (arg.is_file) {
      collector.AddFile(arg.text, arg.text);
    } else {
      collector.AddVarArgument(arg.text);
    }
  }
  if (out.diagnostics.HasErrors()) return out;
  collector.AddPrompted(prompted);
  collector.Parse(module);
  return out;
}

std::vector<const config::Variable*> UnsetRequiredVariables(const config::Module& module,
                                                            const InputValues& values) {
  std::vector<const config::Variable*> out;
  for (const config::Variable& var : module.variables) {
    if (!var.default_value && !values.count(var.name)) out.push_back(&var);
  }
  return out;
}

}  // namespace cairn::planner
