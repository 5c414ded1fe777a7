#include "lang/syntax/navigation.h"

#include "lang/base/go_quote.h"

namespace cairn::syntax {

std::string ContextString(const ast::File& file, int64_t byte) {
  for (const ast::Block& block : file.body.blocks) {
    if (byte >= block.range.start.byte && byte < block.range.end.byte) {
      std::string out = block.type;
      for (const std::string& label : block.labels) {
        out.push_back(' ');
        out += GoQuote(label);
      }
      return out;
    }
  }
  return {};
}

void ParsedSources::Add(const ast::File& file) { files_[file.filename.str()] = &file; }

std::optional<std::string_view> ParsedSources::Source(FileName file) const {
  const auto it = files_.find(file.str());
  if (it == files_.end()) return std::nullopt;
  return std::string_view(it->second->source);
}

std::string ParsedSources::ContextString(FileName file, int64_t byte) const {
  const auto it = files_.find(file.str());
  if (it == files_.end()) return {};
  return syntax::ContextString(*it->second, byte);
}

}  // namespace cairn::syntax
