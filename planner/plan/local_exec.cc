#include "planner/plan/local_exec.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <set>

#include "lang/base/go_quote.h"
#include "lang/config/body_schema.h"
#include "lang/config/provisioner.h"

extern char** environ;

namespace cairn::planner {
namespace {

constexpr std::string_view kSuppressed = "(output suppressed due to sensitive value in config)";
/// Terraform keeps this much of a command's output for its error message.
constexpr size_t kMaxErrorOutput = 8 * 1024;
/// Terraform's line reader hands on a partial line after this long without output.
constexpr int kPartialLineMillis = 100;

/// Go's text for an errno (its syscall.Errno strings are glibc's with a lowercase initial).
std::string ErrnoText(int e) {
  char buf[256];
  std::string s = strerror_r(e, buf, sizeof buf);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' && !(s.size() > 1 && s[1] >= 'A' && s[1] <= 'Z')) {
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  }
  return s;
}

/// Go's os.ProcessState.String() for a wait status: "exit status N", "signal: killed".
std::string WaitStatusText(int status) {
  if (WIFEXITED(status)) return fmt::format("exit status {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const char* d = sigdescr_np(WTERMSIG(status));
    std::string name = d ? d : fmt::format("signal {}", WTERMSIG(status));
    if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') {
      name[0] = static_cast<char>(name[0] - 'A' + 'a');
    }
    std::string out = "signal: " + name;
    if (WCOREDUMP(status)) out += " (core dumped)";
    return out;
  }
  return fmt::format("unknown wait status {}", status);
}

bool IsExecutableFile(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return false;
  return !S_ISDIR(st.st_mode) && (st.st_mode & 0111) != 0;
}

/// Go's exec.LookPath for a name without '/': the first executable PATH entry (an empty
/// entry is "."). Returns the error text instead when there is none.
bool LookPath(const std::string& file, std::string& path, std::string& error) {
  const char* env = getenv("PATH");
  std::string_view dirs = env ? env : "";
  size_t start = 0;
  while (true) {
    size_t end = dirs.find(':', start);
    std::string dir(dirs.substr(start, end == std::string_view::npos ? end : end - start));
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + file;
    if (IsExecutableFile(candidate)) {
      if (candidate[0] != '/') {
        error = fmt::format("exec: {}: cannot run executable found relative to current directory",
                            GoQuote(file));
        return false;
      }
      path = std::move(candidate);
      return true;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  error = fmt::format("exec: {}: executable file not found in $PATH", GoQuote(file));
  return false;
}

/// The process environment with `extra` added, an entry of `extra` replacing the inherited
/// one of the same name (Go's dedupEnv).
std::vector<std::string> ChildEnvironment(
    const std::vector<std::pair<std::string, std::string>>& extra) {
  std::set<std::string_view> names;
  for (const auto& [k, v] : extra) names.insert(k);
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry = *e;
    std::string_view name = entry.substr(0, entry.find('='));
    if (!names.count(name)) env.emplace_back(entry);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

/// Splits output into messages as Terraform's line reader does: at '\n' (dropped), and a
/// pending partial line when the output pauses. Keeps the tail of the raw output.
class OutputLines {
 public:
  explicit OutputLines(const std::function<void(std::string_view)>& emit) : emit_(emit) {}

  void Add(std::string_view bytes) {
    tail_.append(bytes);
    if (tail_.size() > 2 * kMaxErrorOutput) tail_.erase(0, tail_.size() - kMaxErrorOutput);
    for (char c : bytes) {
      if (c == '\n') {
        emit_(line_);
        line_.clear();
      } else {
        line_ += c;
      }
    }
  }
  /// The output paused (or ended): a partial line is a message of its own.
  void Flush() {
    if (line_.empty()) return;
    emit_(line_);
    line_.clear();
  }
  std::string Tail() const {
    return tail_.size() > kMaxErrorOutput ? tail_.substr(tail_.size() - kMaxErrorOutput) : tail_;
  }

 private:
  const std::function<void(std::string_view)>& emit_;
  std::string line_;
  std::string tail_;
};


class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

class SpawnAttr {
 public:
  SpawnAttr() { posix_spawnattr_init(&attr_); }
  ~SpawnAttr() { posix_spawnattr_destroy(&attr_); }
  posix_spawnattr_t* get() { return &attr_; }

 private:
  posix_spawnattr_t attr_;
};

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { Close(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Close() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

Diagnostics RunError(const std::string& command, const std::string& what,
                     const std::string& output) {
  Diagnostics d;
  d.Error("local-exec provisioner error",
          fmt::format("Error running command '{}': {}. Output: {}", command, what, output));
  return d;
}

bool IsReservedBlock(std::string_view type) {
  return type == "connection" || type == "lifecycle" || type == "_";
}

}  // namespace

ProvisionerMetaResult DecodeProvisionerMeta(const config::Provisioner& provisioner) {
  ProvisionerMetaResult out;
  if (!provisioner.block) return out;
  config::ProvisionerKeywords kw =
      config::DecodeProvisionerKeywords(*provisioner.block, out.diagnostics);
  out.meta.when_destroy = kw.when_destroy;
  out.meta.on_failure_continue = kw.on_failure_continue;
  return out;
}

Diagnostics CheckProvisionerTypes(std::span<const config::Module* const> modules) {
  std::vector<Diagnostic> missing;
  Diagnostics out;
  for (const config::Module* m : modules) {
    if (!m) continue;
    for (const config::Resource& r : m->resources) {
      for (const config::Provisioner& p : r.provisioners) {
        if (p.type == kLocalExecType) continue;
        if (p.type == "file" || p.type == "remote-exec") {
          out.Error("Unsupported provisioner",
                    fmt::format("Cairn runs only \"local-exec\" provisioners: the \"{}\" "
                                "provisioner, which connects to the created object, is not "
                                "supported.",
                                p.type),
                    p.decl_range);
          continue;
        }
        Diagnostic d;
        d.summary = "Missing required provisioner plugin";
        d.detail = fmt::format(
            "This configuration requires provisioner plugin {}, which isn't available. If "
            "you're intending to use an external provisioner plugin, you must install it "
            "manually into one of the plugin search directories before running Cairn.",
            GoQuote(p.type));
        missing.push_back(std::move(d));
      }
    }
  }
  std::stable_sort(missing.begin(), missing.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.detail < b.detail; });
  Diagnostics sorted;
  for (Diagnostic& d : missing) sorted.Add(std::move(d));
  sorted.Append(out);
  return sorted;
}

const providers::Block& LocalExecSchema() {
  static const providers::Block schema = [] {
    providers::Block b;
    auto add = [&](std::string name, Type type, bool required) {
      providers::Attribute a;
      a.name = std::move(name);
      a.type = std::move(type);
      a.required = required;
      a.optional = !required;
      b.attributes.push_back(std::move(a));
    };
    add("command", Type::String(), true);
    add("environment", Type::Map(Type::String()), false);
    add("interpreter", Type::List(Type::String()), false);
    add("quiet", Type::Bool(), false);
    add("working_dir", Type::String(), false);
    return b;
  }();
  return schema;
}

config::BodyView ProvisionerConfigBody(const config::Provisioner& provisioner) {
  config::BodyView view;
  if (!provisioner.block) return view;
  for (const ast::Attribute& a : provisioner.block->body->attributes) {
    if (a.name != "when" && a.name != "on_failure") view.attributes.push_back(&a);
  }
  for (const ast::Block& b : provisioner.block->body->blocks) {
    if (!IsReservedBlock(b.type)) view.blocks.push_back(&b);
  }
  return view;
}

DecodeBodyResult DecodeLocalExec(const config::Provisioner& provisioner,
                                 const eval::Scope& scope, BodyEvaluator& evaluator) {
  return DecodeBody(ProvisionerConfigBody(provisioner), LocalExecSchema(), scope, evaluator,
                    config::MissingItemRange(*provisioner.block));
}

LocalExecConfig LocalExecConfigFromValue(const Value& marked) {
  LocalExecConfig c;
  c.suppress_output = marked.ContainsMarked();
  Value value = marked.UnmarkedDeep();
  if (value.IsNull() || !value.IsKnown()) return c;
  auto string_of = [](const Value* v) -> std::string {
    return v && v->IsKnown() && !v->IsNull() ? v->AsString() : std::string();
  };
  c.command = string_of(value.Find("command"));
  c.working_dir = string_of(value.Find("working_dir"));
  if (const Value* q = value.Find("quiet"); q && q->IsKnown() && !q->IsNull()) {
    c.quiet = q->AsBool();
  }
  if (const Value* in = value.Find("interpreter"); in && in->IsKnown() && !in->IsNull()) {
    for (const Value& e : in->Elements()) {
      if (e.IsKnown() && !e.IsNull()) c.interpreter.push_back(e.AsString());
    }
  }
  if (const Value* env = value.Find("environment"); env && env->IsKnown() && !env->IsNull()) {
    const std::vector<std::string>& keys = env->Keys();
    for (size_t i = 0; i < keys.size(); ++i) {
      const Value& v = env->Elements()[i];
      if (v.IsKnown() && !v.IsNull()) c.environment.emplace_back(keys[i], v.AsString());
    }
    std::sort(c.environment.begin(), c.environment.end());
  }
  return c;
}

std::vector<std::string> LocalExecArgv(const LocalExecConfig& config) {
  std::vector<std::string> argv = config.interpreter;
  if (argv.empty()) argv = {"/bin/sh", "-c"};
  argv.push_back(config.command);
  return argv;
}

std::string ExecutingMessage(const LocalExecConfig& config) {
  if (config.quiet) return "local-exec: Executing: Suppressed by quiet=true";
  std::string out = "Executing: [";
  bool first = true;
  for (const std::string& a : LocalExecArgv(config)) {
    if (!first) out += ' ';
    first = false;
    AppendGoQuoted(out, a);
  }
  out += ']';
  return out;
}

LocalExecResult RunLocalExec(const LocalExecConfig& config,
                             const std::function<void(std::string_view message)>& output_message,
                             const std::atomic<int>* stop) {
  std::function<bool()> kill_now;
  if (stop) kill_now = [stop] { return stop->load(std::memory_order_relaxed) >= 2; };
  return RunLocalExec(config, output_message, kill_now);
}

LocalExecResult RunLocalExec(const LocalExecConfig& config,
                             const std::function<void(std::string_view message)>& output_message,
                             const std::function<bool()>& kill_now) {
  auto stopping = [&kill_now] { return kill_now && kill_now(); };
  LocalExecResult result;
  if (config.command.empty()) {
    result.diagnostics.Error("Invalid local-exec provisioner command",
                             "The command must be a non-empty string.");
    return result;
  }
  std::function<void(std::string_view)> emit = output_message;
  if (config.suppress_output) {
    emit = [&output_message](std::string_view) { output_message(kSuppressed); };
  }
  std::vector<std::string> argv = LocalExecArgv(config);
  emit(ExecutingMessage(config));

  // Go's exec.Command: a bare program name is looked up in PATH; os.StartProcess checks the
  // working directory before it forks.
  std::string path = argv[0];
  if (!path.empty() && path.find('/') == std::string::npos) {
    std::string error;
    if (!LookPath(argv[0], path, error)) {
      result.diagnostics = RunError(config.command, error, "");
      return result;
    }
  }
  if (!config.working_dir.empty()) {
    struct stat st;
    if (stat(config.working_dir.c_str(), &st) != 0) {
      result.diagnostics = RunError(
          config.command, fmt::format("chdir {}: {}", config.working_dir, ErrnoText(errno)), "");
      return result;
    }
  }

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    result.diagnostics.Error("local-exec provisioner error",
                             "Failed to initialize pipe for output: " + ErrnoText(errno));
    return result;
  }
  Fd read_end(fds[0]);
  Fd write_end(fds[1]);

  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), 1);
  posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), 2);
  if (!config.working_dir.empty()) {
    posix_spawn_file_actions_addchdir_np(actions.get(), config.working_dir.c_str());
  }
  SpawnAttr attr;
  sigset_t empty_mask;
  sigemptyset(&empty_mask);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(attr.get(), &empty_mask);
  posix_spawnattr_setsigdefault(attr.get(), &defaults);
  posix_spawnattr_setflags(attr.get(), POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> env = ChildEnvironment(config.environment);
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::vector<char*> c_env;
  for (std::string& e : env) c_env.push_back(e.data());
  c_env.push_back(nullptr);

  pid_t pid = 0;
  int rc = posix_spawn(&pid, path.c_str(), actions.get(), attr.get(), c_argv.data(),
                       c_env.data());
  write_end.Close();
  if (rc != 0) {
    result.diagnostics =
        RunError(config.command, fmt::format("fork/exec {}: {}", path, ErrnoText(rc)), "");
    return result;
  }
  result.started = true;

  OutputLines lines(emit);
  bool killed = false;
  char buf[4096];
  while (true) {
    if (stopping()) {
      kill(pid, SIGKILL);
      killed = true;
      break;
    }
    pollfd p{read_end.get(), POLLIN, 0};
    int n = poll(&p, 1, kPartialLineMillis);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (n == 0) {
      lines.Flush();
      continue;
    }
    ssize_t got = read(read_end.get(), buf, sizeof buf);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      break;
    }
    if (got == 0) break;  // every writer closed the pipe
    lines.Add(std::string_view(buf, static_cast<size_t>(got)));
  }
  lines.Flush();
  read_end.Close();

  int status = 0;
  while (true) {
    pid_t w = waitpid(pid, &status, kill_now && !killed ? WNOHANG : 0);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    if (w == 0) {
      if (stopping()) {
        kill(pid, SIGKILL);
        killed = true;
        continue;
      }
      poll(nullptr, 0, 20);
    }
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    result.diagnostics = RunError(config.command, WaitStatusText(status), lines.Tail());
  }
  return result;
}

ProvisionResult RunProvisioners(const ProvisionRequest& request) {
  ProvisionResult out;
  if (!request.resource) return out;
  for (const config::Provisioner& p : request.resource->provisioners) {
    ProvisionerMetaResult meta = DecodeProvisionerMeta(p);
    if (meta.meta.when_destroy != request.destroy) continue;
    if (p.type != kLocalExecType) {
      out.diagnostics.Error("Unsupported provisioner",
                            fmt::format("Cairn runs only \"local-exec\" provisioners: the \"{}\" "
                                        "provisioner is not supported.",
                                        p.type),
                            p.decl_range);
      return out;
    }
    DecodeBodyResult decoded = DecodeLocalExec(p, *request.scope, *request.evaluator);
    out.diagnostics.Append(decoded.diagnostics);
    if (decoded.diagnostics.HasErrors()) return out;
    if (!decoded.value.IsWhollyKnown()) {
      Diagnostics unknown;
      unknown.Error("Configuration contains unknown value",
                    "The provisioner's arguments still contain unknown values during apply.");
      InProvisionerBody(unknown, p, request.address);
      out.diagnostics.Append(unknown);
      return out;
    }
    LocalExecConfig config = LocalExecConfigFromValue(decoded.value);
    if (request.print) request.print(FormatProvisioningStart(request.address, p.type));
    ++out.ran;
    LocalExecResult run = RunLocalExec(
        config,
        [&](std::string_view message) {
          if (request.print) request.print(FormatProvisionOutput(request.address, p.type, message));
        },
        request.kill_now);
    InProvisionerBody(run.diagnostics, p, request.address);
    if (run.diagnostics.HasErrors() && meta.meta.on_failure_continue) continue;
    out.diagnostics.Append(run.diagnostics);
    if (run.diagnostics.HasErrors()) return out;
  }
  return out;
}

void InProvisionerBody(Diagnostics& diagnostics, const config::Provisioner& provisioner,
                       std::string_view address) {
  for (Diagnostic& d : diagnostics.items()) {
    if (!d.subject && provisioner.block) d.subject = config::MissingItemRange(*provisioner.block);
    if (d.address.empty()) d.address = std::string(address);
  }
}

std::string FormatProvisioningStart(std::string_view address, std::string_view type) {
  return fmt::format("{}: Provisioning with '{}'...\n", address, type);
}

std::string FormatProvisionOutput(std::string_view address, std::string_view type,
                                  std::string_view message) {
  std::string prefix = fmt::format("{} ({}): ", address, type);
  std::string buf;
  auto add_line = [&](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // dropCR
    size_t end = line.size();
    // strings.TrimRightFunc(unicode.IsSpace), for the ASCII white space Go counts.
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\n' ||
                       line[end - 1] == '\v' || line[end - 1] == '\f' || line[end - 1] == '\r')) {
      --end;
    }
    if (end == 0) return;
    buf += prefix;
    buf += line.substr(0, end);
    buf += '\n';
  };
  // Terraform's scanLines: a token ends at the first '\n' or, if there is none, at the first
  // '\r'; the rest at the end of the message is a token of its own.
  std::string_view rest = message;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    size_t cut = nl != std::string_view::npos ? nl : rest.find('\r');
    if (cut == std::string_view::npos) {
      add_line(rest);
      break;
    }
    add_line(rest.substr(0, cut));
    rest.remove_prefix(cut + 1);
  }
  // strings.TrimSpace of the whole text (the prefix starts with the address: only the end).
  while (!buf.empty() && (buf.back() == '\n' || buf.back() == ' ')) buf.pop_back();
  buf += '\n';
  return buf;
}

}  // namespace cairn::planner
