// Terraform's filesystem functions: abspath, basename, dirname, file, filebase64, fileexists,
// fileset, pathexpand, templatefile, and the file hashes (filemd5, filesha1, filesha256,
// filesha512, filebase64sha256, filebase64sha512). Relative paths are joined to FunctionOptions::base_dir
// as Go's filepath.Join does; errors name paths the way Terraform's do.

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/go_quote.h"
#include "lang/base/utf8.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/base64.h"
#include "lang/eval/functions/digest.h"
#include "lang/eval/functions/glob.h"
#include "lang/eval/functions/go_path.h"
#include "lang/eval/functions/registry.h"
#include "lang/eval/scope.h"
#include "lang/syntax/parser.h"

namespace cairn::eval::functions {
namespace {

/// Terraform's redactIfSensitive for a string: `%q`, or "(sensitive value)".
std::string Redact(std::string_view s, Marks marks) {
  return marks.sensitive() ? std::string("(sensitive value)") : GoQuote(s);
}

/// Go's syscall.Errno text (strerror, lower-cased first letter).
std::string ErrnoText(int err) {
  std::string s = std::strerror(err);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

/// go-homedir's Dir: $HOME, else the password database.
std::optional<std::string> HomeDir() {
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home);
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir && *pw->pw_dir) {
    return std::string(pw->pw_dir);
  }
  return std::nullopt;
}

/// go-homedir's Expand: "~" or "~/..." becomes the home directory joined to the rest.
std::optional<std::string> ExpandHome(std::string_view path, std::string& error) {
  if (path.empty() || path[0] != '~') return std::string(path);
  if (path.size() > 1 && path[1] != '/' && path[1] != '\\') {
    error = "cannot expand user-specific home dir";
    return std::nullopt;
  }
  std::optional<std::string> home = HomeDir();
  if (!home) {
    error = "blank output when reading home directory";
    return std::nullopt;
  }
  return GoJoinPath(*home, path.substr(1));
}

struct ReadResult {
  std::string bytes;
  std::optional<FunctionError> error;
};

/// Terraform's readFileBytes: `path` as written (for messages), opened relative to base_dir.
ReadResult ReadFileBytes(const std::string& base_dir, const std::string& path, Marks marks) {
  ReadResult r;
  std::string error;
  std::optional<std::string> expanded = ExpandHome(path, error);
  if (!expanded) {
    r.error = FunctionError{0, "failed to expand ~: " + error};
    return r;
  }
  std::string full = *expanded;
  if (!GoIsAbsPath(full)) full = GoJoinPath(base_dir, full);
  full = GoCleanPath(full);
  int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      r.error = FunctionError{
          0, "no file exists at " + Redact(path, marks) +
                 "; this function works only with files that are distributed as part of the "
                 "configuration source code, so if this file will be created by a resource in "
                 "this configuration you must instead obtain this result from an attribute of "
                 "that resource"};
    } else {
      r.error = FunctionError{0, "open " + full + ": " + ErrnoText(errno)};
    }
    return r;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = FunctionError{0, "failed to read file: read " + full + ": " + ErrnoText(errno)};
      break;
    }
    if (n == 0) break;
    r.bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return r;
}

/// Terraform's makeFileHashFunction reading: os errors unwrapped ("open PATH: ...",
/// "read PATH: ..."), as call errors.
ReadResult ReadFileForHash(const std::string& base_dir, const std::string& path) {
  ReadResult r;
  std::string error;
  std::optional<std::string> expanded = ExpandHome(path, error);
  if (!expanded) {
    r.error = FunctionError{std::nullopt, "failed to expand ~: " + error};
    return r;
  }
  std::string full = *expanded;
  if (!GoIsAbsPath(full)) full = GoJoinPath(base_dir, full);
  full = GoCleanPath(full);
  int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    r.error = FunctionError{std::nullopt, "open " + full + ": " + ErrnoText(errno)};
    return r;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = FunctionError{std::nullopt, "read " + full + ": " + ErrnoText(errno)};
      break;
    }
    if (n == 0) break;
    r.bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return r;
}

/// filemd5, filesha1, ...: the digest of the file's bytes, encoded by `encode`.
FunctionDef FileHashFunction(std::string name, std::string base_dir,
                             std::string (*digest)(std::string_view),
                             std::string (*encode)(std::string_view)) {
  Param path{"path", Type::String()};
  path.allow_marked = true;
  return FunctionDef{std::move(name), {path}, std::nullopt, Type::String(), nullptr,
                     [base_dir, digest, encode](const std::vector<Value>& args) -> BodyResult {
                       ReadResult read = ReadFileForHash(base_dir, args[0].AsString());
                       if (read.error) return {Value(), read.error};
                       return {Value::String(encode(digest(read.bytes))).WithMarks(
                                   args[0].marks()),
                               std::nullopt};
                     }};
}

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::Decode(s, i);
    if (d.rune == utf8::kRuneError && d.size == 1) return false;
    i += d.size;
  }
  return true;
}

BodyResult Failed(const std::optional<FunctionError>& e) { return {Value(), e}; }

// ---- templatefile ----

/// hclsyntax.ValidIdentifier: a letter or `_`, then letters, digits, `_` and `-` (non-ASCII
/// letters count as letters).
bool ValidIdentifier(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  };
  if (!letter(static_cast<unsigned char>(name[0]))) return false;
  for (unsigned char c : name.substr(1)) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '-') return false;
  }
  return true;
}

/// hcl's Expression.Variables(): the root traversals, in source order, outside names bound by
/// `for` expressions and directives.
void CollectVariables(const ast::Expr* e, std::vector<std::string>& bound,
                      std::vector<const ast::Expr*>& out) {
  if (!e) return;
  switch (e->kind) {
    case ast::ExprKind::kScopeTraversal:
      if (std::find(bound.begin(), bound.end(), e->root_name) == bound.end()) out.push_back(e);
      return;
    case ast::ExprKind::kFor:
    case ast::ExprKind::kTemplateFor: {
      const ast::ForData* f = e->for_data.get();
      if (!f) return;
      CollectVariables(f->collection.get(), bound, out);
      const size_t mark = bound.size();
      if (!f->key_var.empty()) bound.push_back(f->key_var);
      if (!f->value_var.empty()) bound.push_back(f->value_var);
      CollectVariables(f->key_expr.get(), bound, out);
      CollectVariables(f->value_expr.get(), bound, out);
      CollectVariables(f->condition.get(), bound, out);
      bound.resize(mark);
      return;
    }
    default:
      break;
  }
  for (const ast::ExprPtr& p : e->parts) CollectVariables(p.get(), bound, out);
  for (const ast::TraversalStep& s : e->steps) CollectVariables(s.key.get(), bound, out);
  CollectVariables(e->operand.get(), bound, out);
  CollectVariables(e->other.get(), bound, out);
  CollectVariables(e->condition.get(), bound, out);
  CollectVariables(e->index.get(), bound, out);
  CollectVariables(e->each.get(), bound, out);
  for (const ast::ExprPtr& p : e->items) CollectVariables(p.get(), bound, out);
  for (const ast::ObjectItem& item : e->object_items) {
    if (!item.key_is_bare_name) CollectVariables(item.key.get(), bound, out);
    CollectVariables(item.value.get(), bound, out);
  }
  if (e->call) {
    for (const ast::ExprPtr& p : e->call->args) CollectVariables(p.get(), bound, out);
  }
}

/// hcl's Range.String: "file:line,col-col" or "file:line,col-line,col".
std::string RangeText(const Range& r) {
  std::string out = std::string(r.filename.str()) + ":" + std::to_string(r.start.line) + "," +
                    std::to_string(r.start.column) + "-";
  if (r.start.line != r.end.line) out += std::to_string(r.end.line) + ",";
  return out + std::to_string(r.end.column);
}

/// hcl's Diagnostics.Error(): the first diagnostic as "range: summary; detail", and how many
/// others there are.
std::string DiagnosticsText(const Diagnostics& diags) {
  const Diagnostic& d = diags[0];
  std::string out = (d.subject ? RangeText(*d.subject) : std::string("<nil>")) + ": " +
                    d.summary + "; " + d.detail;
  if (diags.size() > 1) {
    out += ", and " + std::to_string(diags.size() - 1) + " other diagnostic(s)";
  }
  return out;
}

/// The functions a template sees: every built-in, with templatefile refusing to recurse.
class TemplateFunctions : public FunctionRegistry {
 public:
  explicit TemplateFunctions(const BuiltinFunctions& all) : all_(all) {
    Param path{"path", Type::String()};
    path.allow_marked = path.allow_unknown = true;
    Param vars{"vars", Type::Dynamic()};
    vars.allow_unknown = true;
    stub_.Add({"templatefile", {path, vars}, std::nullopt, Type::Dynamic(), nullptr,
               [](const std::vector<Value>&) {
                 return CallError(
                     "cannot recursively call templatefile from inside another template "
                     "function");
               }});
  }
  bool Has(std::string_view name) const override { return all_.Has(name); }
  std::vector<std::string> Names() const override { return all_.Names(); }
  FunctionResult Call(std::string_view name, const std::vector<FunctionArg>& args,
                      const ast::FunctionCallData& call, const Range& call_range) const override {
    if (name == "templatefile") return stub_.Call(name, args, call, call_range);
    return all_.Call(name, args, call, call_range);
  }

 private:
  const BuiltinFunctions& all_;
  BuiltinFunctions stub_;
};

BodyResult TemplateFile(const std::string& base_dir, const BuiltinFunctions& all,
                        const std::vector<Value>& args) {
  const Value& path_arg = args[0];
  const Value& vars = args[1];
  // cty's Type callback renders only with a known path and (shallowly) known vars.
  if (!path_arg.IsKnown() || !vars.IsKnown()) {
    return {Value::DynamicUnknown().WithMarks(path_arg.marks()), std::nullopt};
  }
  const Marks marks = path_arg.marks();
  const std::string& path = path_arg.AsString();
  ReadResult read = ReadFileBytes(base_dir, path, marks);
  if (read.error) return Failed(read.error);
  if (!ValidUtf8(read.bytes)) {
    return CallError("contents of " + Redact(path, marks) +
                     " are not valid UTF-8; use the filebase64 function to obtain the Base64 "
                     "encoded contents or the other file functions (e.g. filemd5, filesha256) "
                     "to obtain file hashing results instead");
  }
  syntax::ExprParseResult parsed = syntax::ParseTemplate(read.bytes, path, Pos{1, 1, 0});
  if (parsed.diagnostics.HasErrors() || !parsed.expr) {
    return CallError(DiagnosticsText(parsed.diagnostics));
  }
  const Type& vt = vars.type();
  if (!vt.IsMap() && !vt.IsObject()) return ArgError(1, "invalid vars value: must be a map");
  MapScope scope;
  std::vector<std::string> names = vars.Keys();
  for (const std::string& name : names) {
    if (!ValidIdentifier(name)) {
      return ArgError(1, "invalid template variable name " + GoQuote(name) +
                             ": must start with a letter, followed by zero or more letters, "
                             "digits, and underscores");
    }
  }
  std::vector<std::string> bound;
  std::vector<const ast::Expr*> refs;
  CollectVariables(parsed.expr.get(), bound, refs);
  for (const ast::Expr* ref : refs) {
    if (!vars.Find(ref->root_name)) {
      return ArgError(1, "vars map does not contain key " + GoQuote(ref->root_name) +
                             ", referenced at " + RangeText(ref->root_range));
    }
  }
  for (const std::string& name : names) scope.SetRoot(name, *vars.Find(name));
  TemplateFunctions functions(all);
  EvalResult result = Evaluate(*parsed.expr, scope, functions);
  if (result.diagnostics.HasErrors()) return CallError(DiagnosticsText(result.diagnostics));
  Value value = result.value;
  if (value.IsKnown() && value.IsNull()) {
    return CallError(RangeText(parsed.expr->range) +
                     ": Template result is null; The result of the template is null, which is "
                     "not a valid result for a templatestring call.");
  }
  // cty's Call answers partly unknown arguments with an unknown of the rendered type.
  if (!vars.IsWhollyKnown()) value = Value::Unknown(value.type());
  return {value.WithMarks(marks), std::nullopt};
}

void RegisterTemplateFile(BuiltinFunctions& r, const std::string& base_dir) {
  Param path{"path", Type::String()};
  path.allow_marked = path.allow_unknown = true;
  Param vars{"vars", Type::Dynamic()};
  vars.allow_unknown = true;
  const BuiltinFunctions* all = &r;
  FunctionDef def{"templatefile", {path, vars}, std::nullopt, Type::Dynamic(), nullptr,
                  [base_dir, all](const std::vector<Value>& a) {
                    return TemplateFile(base_dir, *all, a);
                  }};
  def.refine_not_null = false;
  r.Add(std::move(def));
}

/// The file functions: `path` may be marked (the result keeps its marks).
FunctionDef FileFunction(std::string name, std::string base_dir,
                         std::function<BodyResult(const std::string& bytes,
                                                  const std::string& path, Marks marks)>
                             make) {
  Param path{"path", Type::String()};
  path.allow_marked = true;
  return FunctionDef{std::move(name), {path}, std::nullopt, Type::String(), nullptr,
                     [base_dir, make](const std::vector<Value>& args) -> BodyResult {
                       const Marks marks = args[0].marks();
                       const std::string& path = args[0].AsString();
                       ReadResult read = ReadFileBytes(base_dir, path, marks);
                       if (read.error) return Failed(read.error);
                       BodyResult r = make(read.bytes, path, marks);
                       if (!r.error) r.value = r.value.WithMarks(marks);
                       return r;
                     }};
}

BodyResult FileExists(const std::string& base_dir, const std::vector<Value>& args) {
  const Marks marks = args[0].marks();
  std::string error;
  std::optional<std::string> expanded = ExpandHome(args[0].AsString(), error);
  if (!expanded) return CallError("failed to expand ~: " + error);
  std::string path = *expanded;
  if (!GoIsAbsPath(path)) path = GoJoinPath(base_dir, path);
  path = GoCleanPath(path);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return {Value::False().WithMarks(marks), std::nullopt};
    return CallError("failed to stat " + Redact(path, marks));
  }
  if (S_ISREG(st.st_mode)) return {Value::True().WithMarks(marks), std::nullopt};
  // Terraform reports these as argument 1 of its only parameter: a call error.
  const std::string name = Redact(path, marks);
  if (S_ISDIR(st.st_mode)) return ArgError(1, name + " is a directory, not a file");
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
    return ArgError(1, name + " is a device node, not a regular file");
  }
  if (S_ISFIFO(st.st_mode)) return ArgError(1, name + " is a named pipe, not a regular file");
  if (S_ISSOCK(st.st_mode)) {
    return ArgError(1, name + " is a unix domain socket, not a regular file");
  }
  return ArgError(1, name + " is not a regular file");
}

BodyResult FileSet(const std::string& base_dir, const std::vector<Value>& args) {
  const Marks marks = args[0].marks() | args[1].marks();
  std::string path = args[0].AsString();
  if (!GoIsAbsPath(path)) path = GoJoinPath(base_dir, path);
  const std::string pattern = GoJoinPath(path, args[1].AsString());
  GlobResult glob = DoublestarGlob(pattern);
  if (glob.bad_pattern) {
    return CallError("failed to glob pattern " + Redact(pattern, marks) +
                     ": syntax error in pattern");
  }
  std::vector<Value> matches;
  for (const std::string& match : glob.matches) {
    struct stat st;
    if (::stat(match.c_str(), &st) != 0) {
      return CallError("failed to stat " + Redact(match, marks) + ": stat " + match + ": " +
                       ErrnoText(errno));
    }
    if (!S_ISREG(st.st_mode)) continue;
    std::optional<std::string> rel = GoRelPath(path, match);
    if (!rel) {
      return CallError("failed to trim path of match " + Redact(match, marks) +
                       ": Rel: can't make " + match + " relative to " + path);
    }
    matches.push_back(Value::String(std::move(*rel)));
  }
  return {Value::Set(Type::String(), std::move(matches)).WithMarks(marks), std::nullopt};
}

/// Go's filepath.Abs: relative paths are joined to the working directory.
BodyResult AbsPath(const std::vector<Value>& args) {
  const std::string& path = args[0].AsString();
  if (GoIsAbsPath(path)) return {Value::String(GoCleanPath(path)), std::nullopt};
  std::string cwd(4096, '\0');
  while (::getcwd(cwd.data(), cwd.size()) == nullptr) {
    if (errno != ERANGE) return CallError("getwd: " + ErrnoText(errno));
    cwd.resize(cwd.size() * 2);
  }
  cwd.resize(std::strlen(cwd.c_str()));
  return {Value::String(GoJoinPath(cwd, path)), std::nullopt};
}

BodyResult PathExpand(const std::vector<Value>& args) {
  std::string error;
  std::optional<std::string> expanded = ExpandHome(args[0].AsString(), error);
  if (!expanded) return CallError(error);
  return {Value::String(std::move(*expanded)), std::nullopt};
}

Param Str(std::string name) { return Param{std::move(name), Type::String()}; }

}  // namespace

void RegisterFilesystemFunctions(BuiltinFunctions& r, const FunctionOptions& options) {
  const std::string base_dir = options.base_dir;
  r.Add({"abspath", {Str("path")}, std::nullopt, Type::String(), nullptr, AbsPath});
  r.Add({"basename", {Str("path")}, std::nullopt, Type::String(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {Value::String(GoBasePath(a[0].AsString())), std::nullopt};
         }});
  r.Add({"dirname", {Str("path")}, std::nullopt, Type::String(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {Value::String(GoDirPath(a[0].AsString())), std::nullopt};
         }});
  r.Add({"pathexpand", {Str("path")}, std::nullopt, Type::String(), nullptr, PathExpand});
  r.Add(FileFunction("file", base_dir,
                     [](const std::string& bytes, const std::string& path,
                        Marks marks) -> BodyResult {
                       if (!ValidUtf8(bytes)) {
                         return CallError(
                             "contents of " + Redact(path, marks) +
                             " are not valid UTF-8; use the filebase64 function to obtain the "
                             "Base64 encoded contents or the other file functions (e.g. "
                             "filemd5, filesha256) to obtain file hashing results instead");
                       }
                       return {Value::String(bytes), std::nullopt};
                     }));
  r.Add(FileFunction("filebase64", base_dir,
                     [](const std::string& bytes, const std::string&, Marks) -> BodyResult {
                       return {Value::String(Base64Encode(bytes)), std::nullopt};
                     }));
  Param exists_path = Str("path");
  exists_path.allow_marked = true;
  r.Add({"fileexists", {exists_path}, std::nullopt, Type::Bool(), nullptr,
         [base_dir](const std::vector<Value>& a) { return FileExists(base_dir, a); }});
  Param set_path = Str("path"), set_pattern = Str("pattern");
  set_path.allow_marked = set_pattern.allow_marked = true;
  r.Add({"fileset", {set_path, set_pattern}, std::nullopt, Type::Set(Type::String()), nullptr,
         [base_dir](const std::vector<Value>& a) { return FileSet(base_dir, a); }});
  RegisterTemplateFile(r, base_dir);
  r.Add(FileHashFunction("filemd5", base_dir, Md5, HexEncode));
  r.Add(FileHashFunction("filesha1", base_dir, Sha1, HexEncode));
  r.Add(FileHashFunction("filesha256", base_dir, Sha256, HexEncode));
  r.Add(FileHashFunction("filesha512", base_dir, Sha512, HexEncode));
  r.Add(FileHashFunction("filebase64sha256", base_dir, Sha256, Base64Encode));
  r.Add(FileHashFunction("filebase64sha512", base_dir, Sha512, Base64Encode));
}

}  // namespace cairn::eval::functions
