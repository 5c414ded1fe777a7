#include "bench/gen_config.h"

#include <cstdint>

#include <fmt/format.h>

namespace cairn::bench {
namespace {

/// A tiny deterministic PRNG (xorshift64*), so output never depends on the platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 2685821657736338717ULL + 1) {}
  uint64_t Next() {
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 2685821657736338717ULL;
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t s_;
};

const char* Pad(Rng& rng) {
  static const char* pads[] = {" ", " ", "  ", "   ", " "};
  return pads[rng.Below(5)];
}

void AppendResource(std::string& out, Rng& rng, size_t i) {
  out += fmt::format("# Resource number {} of the generated stack.\n", i);
  out += fmt::format("resource \"terraform_data\" \"r{}\" {{\n", i);
  out += fmt::format("  count{}= var.enabled ? {} : 0\n", Pad(rng), 1 + rng.Below(3));
  out += fmt::format("  input = {{\n    name{}= \"app-${{var.environment}}-{}\"\n", Pad(rng), i);
  out += fmt::format("    size = {}\n    ratio={}.{}\n", rng.Below(1000), rng.Below(10), rng.Below(100));
  out += "    tags = merge(local.common_tags, { Name = \"r" + std::to_string(i) + "\" })\n";
  out += fmt::format("    zones   = [for z in var.zones : upper(z) if z != \"{}\"]\n",
                     rng.Below(2) ? "a" : "b");
  out += "  }\n";
  if (i > 0) {
    out += fmt::format("  triggers_replace = [terraform_data.r{}[*].id, local.ids[\"{}\"]]\n", i - 1,
                       i % 7);
  }
  out += "  lifecycle {\n    create_before_destroy = true\n    ignore_changes = [input]\n  }\n";
  out += "}\n\n";
}

void AppendVariable(std::string& out, Rng& rng, size_t i) {
  out += fmt::format("variable \"v{}\" {{\n", i);
  out += "  type = object({\n    name = string\n    port = optional(number, 8080)\n  })\n";
  out += fmt::format("  description = \"Variable {} // not a comment\"\n", i);
  out += "  validation {\n";
  out += fmt::format("    condition     = var.v{}.port > 0 && var.v{}.port < 65536\n", i, i);
  out += "    error_message = \"The port must be a valid TCP port.\"\n  }\n}\n\n";
}

void AppendLocals(std::string& out, Rng& rng, size_t i) {
  out += "locals {\n";
  out += fmt::format("  name_{} = \"${{var.prefix}}-%{{ if var.short }}s%{{ else }}long%{{ endif }}-{}\"\n",
                     i, i);
  out += fmt::format("  map_{}={{ for k, v in var.settings : k => v * {} if v != null }}\n", i,
                     1 + rng.Below(9));
  out += fmt::format("  sum_{} = (1 + 2) * 3 - -4 / 5 % 6\n", i);
  out += fmt::format("  list_{} = [\n    \"a\",  \"b\", # trailing comment\n    \"c\",\n  ]\n", i);
  out += fmt::format("  script_{} = <<-EOT\n    #!/bin/sh\n    echo \"${{var.environment}}\"\n    exit 0\n  EOT\n", i);
  out += "}\n\n";
}

void AppendOutput(std::string& out, Rng& rng, size_t i) {
  out += fmt::format("output \"o{}\" {{\n  value = terraform_data.r{}[*].output\n", i, i - 3);
  out += "  /* a block comment */\n  sensitive = false\n}\n\n";
}

}  // namespace

std::string GenerateConfig(size_t target_bytes, unsigned seed) {
  Rng rng(seed);
  std::string out;
  out.reserve(target_bytes + 4096);
  out += "variable \"enabled\" {\n  type    = bool\n  default = true\n}\n\n";
  for (size_t i = 0; out.size() < target_bytes; ++i) {
    switch (i % 5) {
      case 0:
      case 1: AppendResource(out, rng, i); break;
      case 2: AppendVariable(out, rng, i); break;
      case 3: AppendLocals(out, rng, i); break;
      case 4: AppendOutput(out, rng, i); break;
    }
  }
  return out;
}

}  // namespace cairn::bench
