#include "cli/outputs_view.h"

#include "lang/base/value_console.h"

namespace cairn::cli {

std::string RenderOutputLines(const OutputStates& outputs) {
  std::string out;
  for (const auto& [name, o] : outputs) {
    out += name;
    out += " = ";
    out += o.sensitive ? "<sensitive>" : FormatConsoleValue(o.value, 0);
    out += "\n";
  }
  return out;
}

}  // namespace cairn::cli
