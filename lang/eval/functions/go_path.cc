#include "lang/eval/functions/go_path.h"

#include <algorithm>

namespace cairn::eval::functions {

std::string GoCleanPath(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  const size_t n = path.size();
  std::string out;
  out.reserve(n);
  size_t r = 0;
  size_t dotdot = 0;  // where `..` may no longer be removed
  if (rooted) {
    out += '/';
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (path[r] == '/') {
      ++r;
    } else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
      ++r;
    } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
      r += 2;
      if (out.size() > dotdot) {
        size_t w = out.size() - 1;
        while (w > dotdot && out[w] != '/') --w;
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) out += '/';
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out += '/';
      for (; r < n && path[r] != '/'; ++r) out += path[r];
    }
  }
  if (out.empty()) return ".";
  return out;
}

std::string GoJoinPath(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return "";
  if (a.empty()) return GoCleanPath(b);
  if (b.empty()) return GoCleanPath(a);
  std::string joined(a);
  joined += '/';
  joined += b;
  return GoCleanPath(joined);
}

std::string GoDirPath(std::string_view path) {
  size_t i = path.size();
  while (i > 0 && path[i - 1] != '/') --i;
  return GoCleanPath(path.substr(0, i));
}

std::string GoBasePath(std::string_view path) {
  if (path.empty()) return ".";
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) path = path.substr(slash + 1);
  if (path.empty()) return "/";
  return std::string(path);
}

std::optional<std::string> GoRelPath(std::string_view basepath, std::string_view targpath) {
  std::string base = GoCleanPath(basepath);
  std::string targ = GoCleanPath(targpath);
  if (targ == base) return ".";
  if (base == ".") base.clear();
  const bool base_slashed = !base.empty() && base[0] == '/';
  const bool targ_slashed = !targ.empty() && targ[0] == '/';
  if (base_slashed != targ_slashed) return std::nullopt;
  const size_t bl = base.size(), tl = targ.size();
  size_t b0 = 0, bi = 0, t0 = 0, ti = 0;
  for (;;) {
    while (bi < bl && base[bi] != '/') ++bi;
    while (ti < tl && targ[ti] != '/') ++ti;
    if (targ.compare(t0, ti - t0, base, b0, bi - b0) != 0) break;
    if (bi < bl) ++bi;
    if (ti < tl) ++ti;
    b0 = bi;
    t0 = ti;
  }
  if (base.compare(b0, bi - b0, "..") == 0) return std::nullopt;
  if (b0 != bl) {
    size_t seps = static_cast<size_t>(std::count(base.begin() + b0, base.end(), '/'));
    std::string out = "..";
    for (size_t i = 0; i < seps; ++i) out += "/..";
    if (t0 != tl) {
      out += '/';
      out += targ.substr(t0);
    }
    return out;
  }
  return targ.substr(t0);
}

}  // namespace cairn::eval::functions
