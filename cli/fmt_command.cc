/// `cairn fmt`: Terraform's `fmt` command (flags, file walking, listing, -diff, -check, exit
/// codes), over lang/format's formatter.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/fmt_sources.h"
#include "cli/unified_diff.h"
#include "lang/base/atomic_file.h"
#include "lang/base/diagnostic.h"
#include "lang/base/diagnostic_text.h"
#include "lang/base/source_index.h"
#include "lang/format/format.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFmtHelp =
    "Usage: cairn [global options] fmt [options] [target...]\n"
    "\n"
    "  Rewrites all Terraform configuration files to a canonical format. All\n"
    "  configuration files (.tf), variables files (.tfvars), and testing files \n"
    "  (.tftest.hcl) are updated. JSON files (.tf.json, .tfvars.json, or \n"
    "  .tftest.json) are not modified. Cairn files (.cairn) are formatted too.\n"
    "\n"
    "  By default, fmt scans the current directory for configuration files. If you\n"
    "  provide a directory for the target argument, then fmt will scan that\n"
    "  directory instead. If you provide a file, then fmt will process just that\n"
    "  file. If you provide a single dash (\"-\"), then fmt will read from standard\n"
    "  input (STDIN).\n"
    "\n"
    "  The content must be in the Terraform language native syntax; JSON is not\n"
    "  supported.\n"
    "\n"
    "Options:\n"
    "\n"
    "  -list=false    Don't list files whose formatting differs\n"
    "                 (always disabled if using STDIN)\n"
    "\n"
    "  -write=false   Don't write to source files\n"
    "                 (always disabled if using STDIN or -check)\n"
    "\n"
    "  -diff          Display diffs of formatting changes\n"
    "\n"
    "  -check         Check if the input is formatted. Exit status will be 0 if all\n"
    "                 input is properly formatted and non-zero otherwise.\n"
    "\n"
    "  -no-color      If specified, output won't contain any color.\n"
    "\n"
    "  -recursive     Also process files in subdirectories. By default, only the\n"
    "                 given directory (or current directory) is processed.\n";

/// File name suffixes fmt formats (Terraform's list plus Cairn's own extension).
constexpr const char* kSupportedSuffixes[] = {".tf", ".tfvars", ".tftest.hcl", ".tfmock.hcl",
                                              ".cairn"};

struct FmtOptions {
  bool list = true;
  bool write = true;
  bool diff = false;
  bool check = false;
  bool recursive = false;
  bool no_color = false;
  std::vector<std::string> paths;
};

/// Go's strconv.ParseBool, which Terraform's flag parsing uses.
bool ParseGoBool(const std::string& v, bool& out) {
  static const char* kTrue[] = {"1", "t", "T", "true", "TRUE", "True"};
  static const char* kFalse[] = {"0", "f", "F", "false", "FALSE", "False"};
  for (const char* t : kTrue) {
    if (v == t) {
      out = true;
      return true;
    }
  }
  for (const char* f : kFalse) {
    if (v == f) {
      out = false;
      return true;
    }
  }
  return false;
}

/// Parses fmt's flags the way Go's flag package does (flags end at the first argument that is
/// not one, or after `--`); the flag values are then applied through CLI11. On a usage error
/// returns false with Go's wording in `error`.
bool ParseFmtArgs(const Args& args, FmtOptions& opts, std::string& error, bool& help) {
  static const char* kBoolFlags[] = {"list", "write", "diff", "check", "recursive", "no-color"};
  std::vector<std::string> flags;  // validated, as --name=true|false
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.size() < 2 || a[0] != '-') break;  // "-" (stdin) and paths end the flags
    std::string body = a.substr(a[1] == '-' ? 2 : 1);
    std::string name = body, value;
    bool has_value = false;
    if (size_t eq = body.find('='); eq != std::string::npos) {
      name = body.substr(0, eq);
      value = body.substr(eq + 1);
      has_value = true;
    }
    if (name == "help" || name == "h") {
      help = true;
      return false;
    }
    bool known = std::find_if(std::begin(kBoolFlags), std::end(kBoolFlags),
                              [&](const char* f) { return name == f; }) != std::end(kBoolFlags);
    if (!known) {
      error = "flag provided but not defined: -" + name;
      return false;
    }
    bool b = true;
    if (has_value && !ParseGoBool(value, b)) {
      error = "invalid boolean value \"" + value + "\" for -" + name + ": parse error";
      return false;
    }
    flags.push_back("-" + name + "=" + (b ? "true" : "false"));
  }
  opts.paths.assign(args.begin() + static_cast<long>(i), args.end());

  CLI::App app("cairn fmt");
  app.add_flag("--list", opts.list);
  app.add_flag("--write", opts.write);
  app.add_flag("--diff", opts.diff);
  app.add_flag("--check", opts.check);
  app.add_flag("--recursive", opts.recursive);
  app.add_flag("--no-color", opts.no_color);
  std::vector<std::string> normalized = NormalizeFlags(flags);
  std::reverse(normalized.begin(), normalized.end());  // CLI11 parses a reversed vector
  try {
    app.parse(normalized);
  } catch (const CLI::ParseError& e) {
    error = e.what();
    return false;
  }
  return true;
}

/// Terraform writes fmt's output through a UI writer that drops one trailing newline and then
/// prints a line: the text always ends with exactly the newlines it had, or one added.
void UiWrite(std::ostream& out, std::string_view text) {
  out << text;
  if (text.empty() || text.back() != '\n') out << '\n';
}

/// Go's filepath.Clean over std::filesystem's lexical normalisation.
std::string CleanPath(const fs::path& p) {
  std::string s = p.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s.empty() ? "." : s;
}

/// Terraform's NormalizePath: `given` relative to the working directory where possible.
std::string NormalizePath(const std::string& given) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return CleanPath(given);
  fs::path abs = fs::path(given).is_absolute() ? fs::path(given) : cwd / given;
  fs::path rel = abs.lexically_normal().lexically_relative(cwd.lexically_normal());
  if (rel.empty()) return CleanPath(abs);
  return CleanPath(rel);
}

/// Terraform's configs.IsIgnoredFile: hidden files, editor backups and Emacs autosaves.
bool IsIgnoredFile(const std::string& name) {
  return (!name.empty() && name[0] == '.') || (!name.empty() && name.back() == '~') ||
         (name.size() >= 1 && name[0] == '#' && name.back() == '#');
}

bool HasSupportedSuffix(const std::string& name) {
  for (const char* suffix : kSupportedSuffixes) {
    std::string_view s(suffix);
    if (name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      return true;
    }
  }
  return false;
}

void AddError(Diagnostics& diags, std::string summary) { diags.Error(std::move(summary), ""); }

class FmtRun {
 public:
  FmtRun(const FmtOptions& opts, Streams& io, std::ostream& out, FmtSources& sources)
      : opts_(opts), io_(io), out_(out), sources_(sources) {}

  Diagnostics Run(const std::vector<std::string>& paths) {
    if (paths.empty()) {  // standard input
      std::string src((std::istreambuf_iterator<char>(io_.in)), std::istreambuf_iterator<char>());
      ProcessFile("<stdin>", src);
      return std::move(diags_);
    }
    for (const std::string& given : paths) {
      const std::string path = NormalizePath(given);
      std::error_code ec;
      fs::file_status st = fs::status(path, ec);
      if (ec || !fs::exists(st)) {
        AddError(diags_, "No file or directory at " + path);
        return std::move(diags_);
      }
      if (fs::is_directory(st)) {
        ProcessDir(path);
        continue;
      }
      if (!HasSupportedSuffix(path)) {
        AddError(diags_,
                 "Only .tf, .tfvars, .tftest.hcl and .cairn files can be processed with cairn fmt");
        continue;
      }
      ProcessPath(path);
    }
    return std::move(diags_);
  }

 private:
  void ProcessPath(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
      AddError(diags_, "Failed to read file " + path);
      return;
    }
    std::ostringstream buf;
    buf << f.rdbuf();
    if (f.bad()) {
      AddError(diags_, "Failed to read " + path);
      return;
    }
    ProcessFile(NormalizePath(path), buf.str());
  }

  void ProcessDir(const std::string& path) {
    std::error_code ec;
    fs::directory_iterator it(path, ec);
    if (ec) {
      AddError(diags_, ec == std::errc::no_such_file_or_directory
                           ? "There is no configuration directory at " + path
                           : "Cannot read directory " + path);
      return;
    }
    std::vector<std::pair<std::string, bool>> entries;  // name, is a directory (not followed)
    for (const fs::directory_entry& e : it) {
      std::error_code sec;
      bool is_dir = e.symlink_status(sec).type() == fs::file_type::directory;
      entries.emplace_back(e.path().filename().string(), is_dir);
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& [name, is_dir] : entries) {
      if (IsIgnoredFile(name)) continue;
      const std::string sub = CleanPath(fs::path(path) / name);
      if (is_dir) {
        if (opts_.recursive) ProcessDir(sub);
        continue;
      }
      if (HasSupportedSuffix(name)) ProcessPath(sub);
    }
  }

  void ProcessFile(const std::string& path, const std::string& src) {
    format::FormatResult r = format::Format(src, path);
    diags_.Append(r.diagnostics);
    if (r.diagnostics.HasErrors()) {
      sources_.Add(path, src);
      return;
    }
    if (r.formatted != src) {
      if (opts_.list) Output(path + "\n");
      if (opts_.write) {
        // Atomically: a kill mid-write leaves the old file, never a truncated one.
        std::string error;
        if (!WriteFileAtomically(path, r.formatted, &error)) {
          AddError(diags_, "Failed to write " + path + ": " + error);
          return;
        }
      }
      if (opts_.diff) {
        std::string diff, error;
        if (!UnifiedDiff(src, r.formatted, path, diff, error)) {
          AddError(diags_, "Failed to generate diff for " + path + ": " + error);
          return;
        }
        Output(diff);
      }
    }
    if (!opts_.list && !opts_.write && !opts_.diff) Output(r.formatted);
  }

  /// One write to fmt's output: through the UI writer, or into the -check buffer as is.
  void Output(std::string_view text) {
    if (opts_.check) {
      out_ << text;
    } else {
      UiWrite(out_, text);
    }
  }

  const FmtOptions& opts_;
  Streams& io_;
  std::ostream& out_;
  FmtSources& sources_;
  Diagnostics diags_;
};

/// Prints diagnostics as Terraform's Meta.showDiagnostics does for fmt: each one through the
/// UI's Error/Warn, which writes it to stderr followed by a newline.
void PrintDiagnostics(const Diagnostics& diags, const SourceIndex& sources, Streams& io) {
  DiagnosticTextOptions options;
  options.color = io.ErrColor();
  options.width = io.ErrWidth();
  for (const RenderedDiagnostic& d : RenderDiagnosticsText(diags, sources, options)) {
    io.err << d.text << "\n";
  }
}

}  // namespace

int RunFmt(const Args& args, Streams& io) {
  FmtOptions opts;
  std::string error;
  bool help = false;
  if (!ParseFmtArgs(args, opts, error, help)) {
    if (help) {
      io.out << kFmtHelp;
      return 0;
    }
    io.err << kFmtHelp << "Error parsing command-line flags: " << error << "\n\n";
    return 1;
  }
  if (opts.no_color) io.no_color = true;

  std::vector<std::string> paths;
  if (opts.paths.empty()) {
    paths = {"."};
  } else if (opts.paths[0] == "-") {
    opts.list = false;
    opts.write = false;
  } else {
    paths = opts.paths;
  }

  const bool list = opts.list;  // -check lists into a buffer, shown only when -list is on
  std::ostringstream check_buffer;
  if (opts.check) {
    opts.list = true;
    opts.write = false;
  }
  FmtSources sources;
  FmtRun run(opts, io, opts.check ? static_cast<std::ostream&>(check_buffer) : io.out, sources);
  Diagnostics diags = run.Run(paths);
  PrintDiagnostics(diags, sources, io);
  if (diags.HasErrors()) return 2;
  if (opts.check) {
    const std::string buffered = check_buffer.str();
    if (list && !buffered.empty()) UiWrite(io.out, buffered);
    return buffered.empty() ? 0 : 3;
  }
  return 0;
}

}  // namespace cairn::cli
