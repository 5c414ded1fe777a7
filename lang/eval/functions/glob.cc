#include "lang/eval/functions/glob.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "lang/base/utf8.h"
#include "lang/eval/functions/go_path.h"

namespace cairn::eval::functions {
namespace {

/// doublestar's indexRuneWithEscaping for an ASCII `c`.
size_t IndexWithEscaping(std::string_view s, char c) {
  size_t start = 0;
  for (;;) {
    size_t end = s.find(c, start);
    if (end == std::string_view::npos) return end;
    if (end > 0 && s[end - 1] == '\\') {
      start = end + 1;
      continue;
    }
    return end;
  }
}

/// doublestar's splitPathOnSeparator for '/' or ',' (an escaped separator does not split).
std::vector<std::string> SplitEscaped(std::string_view s, char sep) {
  std::vector<std::string> out;
  if (s.find(sep) == std::string_view::npos) {
    out.emplace_back(s);
    return out;
  }
  size_t start = 0;
  while (start < s.size()) {
    size_t end = IndexWithEscaping(s.substr(start), sep);
    end = end == std::string_view::npos ? s.size() : end + start;
    out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/// doublestar's splitAlternatives over the text after a `{`: the options and the index of the
/// closing `}` (npos when unbalanced).
size_t SplitAlternatives(std::string_view s, std::vector<std::string>& options) {
  int braces = 1;
  bool escaped = false;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (escaped) {
      escaped = false;
      continue;
    }
    switch (s[i]) {
      case '\\':
        escaped = true;
        break;
      case '{':
        ++braces;
        break;
      case '}':
        if (--braces == 0) {
          options.emplace_back(s.substr(start, i - start));
          return i;
        }
        break;
      case ',':
        if (braces == 1) {
          options.emplace_back(s.substr(start, i - start));
          start = i + 1;
        }
        break;
      default:
        break;
    }
  }
  return std::string_view::npos;
}

std::vector<char32_t> Runes(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::Decode(s, i);
    out.push_back(d.rune);
    i += d.size;
  }
  return out;
}

struct Entry {
  std::string name;
  bool is_dir;
};

/// The entries of `dir` sorted by name (symlinks followed to decide what is a directory);
/// false when it cannot be read.
bool ReadDirectory(const std::string& dir, std::vector<Entry>& entries) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return false;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st;
    std::string full = GoJoinPath(dir, name);
    bool is_dir = ::stat(full.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    bool exists = is_dir || ::lstat(full.c_str(), &st) == 0;
    if (exists) entries.push_back({std::move(name), is_dir});
  }
  ::closedir(d);
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return true;
}

void DoGlob(std::string basedir, const std::vector<std::string>& components, size_t first,
            GlobResult& out) {
  const size_t n = components.size();
  size_t i = first;
  while (i < n && components[i].find_first_of("*?[{\\") == std::string::npos) ++i;
  for (size_t k = first; k < i; ++k) basedir = GoJoinPath(basedir, components[k]);
  struct stat st;
  if (::lstat(basedir.c_str(), &st) != 0) return;
  if (i >= n) {
    out.matches.push_back(basedir);
    return;
  }
  if (S_ISLNK(st.st_mode) && ::stat(basedir.c_str(), &st) != 0) return;
  if (!S_ISDIR(st.st_mode)) return;
  std::vector<Entry> entries;
  if (!ReadDirectory(basedir, entries)) return;
  bool last = i + 1 >= n;
  if (components[i] == "**") {
    for (const Entry& e : entries) {
      std::string path = GoJoinPath(basedir, e.name);
      if (e.is_dir) {
        if (last) out.matches.push_back(path);
        DoGlob(path, components, i, out);
      } else if (last) {
        out.matches.push_back(path);
      }
    }
    if (last) return;
    ++i;
    last = i + 1 >= n;
  }
  for (const Entry& e : entries) {
    bool bad = false;
    bool match = MatchGlobComponent(components[i], e.name, bad);
    if (bad) {
      out.bad_pattern = true;
      return;
    }
    if (!match) continue;
    std::string path = GoJoinPath(basedir, e.name);
    if (last) {
      out.matches.push_back(path);
    } else {
      DoGlob(path, components, i + 1, out);
      if (out.bad_pattern) return;
    }
  }
}

}  // namespace

bool MatchGlobComponent(std::string_view pattern, std::string_view name, bool& bad) {
  size_t p = 0, n = 0;
  while (p < pattern.size() && n < name.size()) {
    utf8::Decoded pr = utf8::Decode(pattern, p);
    utf8::Decoded nr = utf8::Decode(name, n);
    if (pr.rune == '/') {
      ++p;
    } else if (pr.rune == '\\') {
      p += pr.size;
      if (p >= pattern.size()) {
        bad = true;
        return false;
      }
      pr = utf8::Decode(pattern, p);
      if (pr.rune == utf8::kRuneError && pr.size <= 1) {
        bad = true;
        return false;
      }
      if (pr.rune != nr.rune) return false;
      p += pr.size;
      n += nr.size;
    } else if (pr.rune == '*') {
      p += pr.size;
      if (p >= pattern.size()) return true;
      // doublestar steps by the size of the rune under the star, whatever follows (so a
      // star before multi-byte runes can skip over a match, as in Terraform).
      for (; n < name.size(); n += nr.size) {
        bool ignored = false;  // doublestar drops errors found past a star
        if (MatchGlobComponent(pattern.substr(p), name.substr(n), ignored)) return true;
      }
      return false;
    } else if (pr.rune == '[') {
      p += pr.size;
      size_t end = IndexWithEscaping(pattern.substr(p), ']');
      if (end == std::string_view::npos) {
        bad = true;
        return false;
      }
      end += p;
      std::vector<char32_t> cls = Runes(pattern.substr(p, end - p));
      if (cls.empty()) {
        bad = true;
        return false;
      }
      const bool negated = cls[0] == '^';  // `!` is an ordinary character here
      size_t c = negated ? 1 : 0;
      bool matched = false;
      while (c < cls.size()) {
        char32_t low = cls[c];
        if (low == '-') {
          bad = true;
          return false;
        }
        ++c;
        if (low == '\\') {
          if (c >= cls.size()) {
            bad = true;
            return false;
          }
          low = cls[c++];
        }
        char32_t high = low;
        if (c < cls.size() && cls[c] == '-') {
          if (++c >= cls.size()) {
            bad = true;
            return false;
          }
          high = cls[c];
          if (high == '-') {
            bad = true;
            return false;
          }
          ++c;
          if (high == '\\') {
            if (c >= cls.size()) {
              bad = true;
              return false;
            }
            high = cls[c++];
          }
        }
        if (low <= nr.rune && nr.rune <= high) matched = true;
      }
      if (matched == negated) return false;
      p = end + 1;
      n += nr.size;
    } else if (pr.rune == '{') {
      // Alternatives end at the first unescaped `}` (no nesting) and split at every `,`.
      p += pr.size;
      size_t end = IndexWithEscaping(pattern.substr(p), '}');
      if (end == std::string_view::npos) {
        bad = true;
        return false;
      }
      std::vector<std::string> options = SplitEscaped(pattern.substr(p, end), ',');
      p += end + 1;
      for (const std::string& o : options) {
        bool m = MatchGlobComponent(o + std::string(pattern.substr(p)), name.substr(n), bad);
        if (bad) return false;
        if (m) return true;
      }
      return false;
    } else if (pr.rune == '?' || pr.rune == nr.rune) {
      p += pr.size;
      n += nr.size;
    } else {
      return false;
    }
  }
  if (n >= name.size()) {
    if (p >= pattern.size()) return true;
    std::string_view rest = pattern.substr(p);
    if (rest == "*" || rest == "**") return true;
  }
  return false;
}

GlobResult DoublestarGlob(std::string_view pattern) {
  GlobResult out;
  if (pattern.empty()) return out;
  if (pattern[0] == '{') {
    std::vector<std::string> options;
    size_t end = SplitAlternatives(pattern.substr(1), options);
    if (end == std::string_view::npos) {
      out.bad_pattern = true;
      return out;
    }
    for (const std::string& o : options) {
      GlobResult r = DoublestarGlob(o + std::string(pattern.substr(end + 2)));
      if (r.bad_pattern) {
        out.bad_pattern = true;
        out.matches.clear();
        return out;
      }
      out.matches.insert(out.matches.end(), r.matches.begin(), r.matches.end());
    }
    return out;
  }
  std::vector<std::string> components = SplitEscaped(pattern, '/');
  if (pattern[0] == '/') {
    DoGlob("/", components, 1, out);
  } else {
    DoGlob(".", components, 0, out);
  }
  if (out.bad_pattern) out.matches.clear();
  return out;
}

}  // namespace cairn::eval::functions
