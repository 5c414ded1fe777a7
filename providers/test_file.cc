#include "providers/test_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "providers/object_values.h"

namespace cairn::providers {
namespace {

Attribute Attr(std::string name, Type type, bool required, bool computed) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.required = required;
  a.optional = !required && !computed;
  a.computed = computed;
  return a;
}

std::string StringAttr(const Value& object, std::string_view name) {
  const Value& v = GetAttr(object, name);
  return v.IsKnown() && !v.IsNull() && v.type().IsString() ? v.AsString() : "";
}

/// Sleeps `share` (in percent) of `delay_ms`; false when Stop() came meanwhile.
bool Delay(const Value& object, const std::atomic<bool>& stopped, int share = 100) {
  const Value& v = GetAttr(object, "delay_ms");
  if (v.IsKnown() && !v.IsNull() && v.type().IsNumber()) {
    std::optional<int64_t> ms = v.AsNumber().ToInt64();
    auto until = std::chrono::steady_clock::now() +
                 std::chrono::milliseconds(ms ? *ms * share / 100 : 0);
    while (!stopped && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(2),
                                                        until - std::chrono::steady_clock::now()));
    }
  }
  return !stopped;
}

void Stopped(ApplyResourceChangeResponse& resp, const Value& prior) {
  resp.diagnostics.Error("Operation stopped",
                         "The test provider was asked to stop before it made the change.");
  resp.new_state = prior;
}

std::string RandomId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  uint64_t v = rng();
  for (char& c : id) {
    c = kHex[v & 15];
    v >>= 4;
  }
  return id;
}

/// Lines `name=…`, `content=…`, `token=…` (newlines in values escaped as \n, \ as \\).
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      out += s[i + 1] == 'n' ? '\n' : s[i + 1];
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct FileBody {
  std::string name, content, token;
};

bool ReadBody(const std::string& path, FileBody& body) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
  close(fd);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string_view line(text.data() + pos, eol - pos);
    size_t eq = line.find('=');
    if (eq != std::string_view::npos) {
      std::string value = Unescape(line.substr(eq + 1));
      if (line.substr(0, eq) == "name") body.name = value;
      if (line.substr(0, eq) == "content") body.content = value;
      if (line.substr(0, eq) == "token") body.token = value;
    }
    pos = eol + 1;
  }
  return true;
}

/// Writes the file atomically (temporary file, fsync, rename): it exists whole or not at all.
std::string WriteBody(const std::string& path, const FileBody& body) {
  std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + tmp;
  std::string text = "name=" + Escape(body.name) + "\ncontent=" + Escape(body.content) +
                     "\ntoken=" + Escape(body.token) + "\n";
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = fsync(fd) == 0 && ok;
  close(fd);
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    unlink(tmp.c_str());
    return "cannot write " + path;
  }
  return "";
}

std::string PathOf(const std::string& directory, const std::string& id) {
  return directory + "/" + id + ".json";
}

Value ObjectOf(const Value& shape, const std::string& id, const FileBody& body) {
  std::vector<std::pair<std::string, Value>> attrs = AttributesOf(shape);
  SetAttr(attrs, "id", Value::String(id));
  SetAttr(attrs, "name", Value::String(body.name));
  const Value& content = GetAttr(shape, "content");
  SetAttr(attrs, "content", content.IsNull() && body.content.empty()
                                ? Value::Null(Type::String())
                                : Value::String(body.content));
  return Value::Object(std::move(attrs));
}

}  // namespace

Schema TestFileSchema() {
  Schema s;
  Attribute directory = Attr("directory", Type::String(), true, false);
  directory.requires_replace = true;
  Attribute name = Attr("name", Type::String(), true, false);
  name.requires_replace = true;
  // Sorted by name, as Block requires.
  s.block.attributes = {Attr("content", Type::String(), false, false),
                        Attr("delay_ms", Type::Number(), false, false), std::move(directory),
                        Attr("id", Type::String(), false, true), std::move(name)};
  return s;
}

PlanResourceChangeResponse PlanTestFile(const PlanResourceChangeRequest& request) {
  PlanResourceChangeResponse resp;
  const Value& proposed = request.proposed_new_state;
  if (proposed.IsNull()) {
    resp.planned_state = proposed;
    return resp;
  }
  std::vector<std::pair<std::string, Value>> planned = AttributesOf(proposed);
  const Value& prior = request.prior_state;
  bool fresh = prior.IsNull();
  for (const char* attr : {"directory", "name"}) {
    if (!fresh && !GetAttr(prior, attr).RawEquals(GetAttr(proposed, attr))) {
      resp.requires_replace.push_back({PathStep::Attr(attr)});
    }
  }
  if (fresh || !resp.requires_replace.empty()) SetAttr(planned, "id", Value::Unknown(Type::String()));
  resp.planned_state = Value::Object(std::move(planned));
  return resp;
}

ApplyResourceChangeResponse ApplyTestFile(const ApplyResourceChangeRequest& request,
                                          const std::atomic<bool>& stopped) {
  ApplyResourceChangeResponse resp;
  const Value& planned = request.planned_state;
  if (planned.IsNull()) {  // destroy
    if (!Delay(request.prior_state, stopped)) {
      Stopped(resp, request.prior_state);
      return resp;
    }
    std::string path = PathOf(StringAttr(request.prior_state, "directory"),
                              StringAttr(request.prior_state, "id"));
    if (unlink(path.c_str()) != 0 && errno != ENOENT) {
      resp.diagnostics.Error("Failed to delete test_file", "cannot remove " + path);
      resp.new_state = request.prior_state;
      return resp;
    }
    resp.new_state = planned;
    return resp;
  }
  // Half the delay before the change and half after it, as a remote API that acts and then
  // answers: a crash in the second half leaves an object made but never reported.
  if (!Delay(planned, stopped, 50)) {
    Stopped(resp, request.prior_state);
    return resp;
  }
  const bool create = request.prior_state.IsNull();
  std::string id = create ? RandomId() : StringAttr(request.prior_state, "id");
  FileBody body;
  body.name = StringAttr(planned, "name");
  body.content = StringAttr(planned, "content");
  if (create) {
    body.token = request.idempotency_token;
  } else {
    FileBody old;
    ReadBody(PathOf(StringAttr(request.prior_state, "directory"), id), old);
    body.token = old.token;
  }
  std::string error = WriteBody(PathOf(StringAttr(planned, "directory"), id), body);
  if (!error.empty()) {
    resp.diagnostics.Error("Failed to write test_file", error);
    if (!create) resp.new_state = request.prior_state;
    return resp;
  }
  resp.new_state = ObjectOf(planned, id, body);
  // Made: the answer comes after the rest of the delay, Stop or not (the remote side has
  // acted; only the first half can be called off).
  static const std::atomic<bool> kNever{false};
  Delay(planned, kNever, 50);
  return resp;
}

ReadResourceResponse ReadTestFile(const ReadResourceRequest& request) {
  ReadResourceResponse resp;
  resp.private_data = request.private_data;
  const std::string directory = StringAttr(request.current_state, "directory");
  if (!request.idempotency_token.empty()) {
    resp.new_state = Value::Null(request.current_state.type());
    DIR* dir = opendir(directory.c_str());
    if (!dir) return resp;
    while (dirent* e = readdir(dir)) {
      std::string file = e->d_name;
      if (file.size() != 21 || file.substr(16) != ".json") continue;
      FileBody body;
      if (ReadBody(directory + "/" + file, body) && body.token == request.idempotency_token) {
        resp.new_state = ObjectOf(request.current_state, file.substr(0, 16), body);
        break;
      }
    }
    closedir(dir);
    return resp;
  }
  FileBody body;
  if (!ReadBody(PathOf(directory, StringAttr(request.current_state, "id")), body)) {
    resp.new_state = Value::Null(request.current_state.type());
    return resp;
  }
  resp.new_state = ObjectOf(request.current_state, StringAttr(request.current_state, "id"), body);
  return resp;
}

}  // namespace cairn::providers
