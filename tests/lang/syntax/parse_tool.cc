// syntax_parse_tool: parses files and prints what the parser sees, for regenerating goldens and
// for measuring. Not part of the test suite's assertions.
//   syntax_parse_tool dump FILE...     AST dump + diagnostics (the golden format)
//   syntax_parse_tool check FILE...    CheckSyntax only, prints diagnostics and timing
//   syntax_parse_tool time FILE...     ParseFile, prints timing
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "lang/syntax/ast_dump.h"
#include "lang/syntax/parser.h"
#include "tests/lang/syntax/golden_format.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: syntax_parse_tool dump|check|time FILE...\n";
    return 2;
  }
  std::string mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::string name = argv[i];
    if (auto slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
    auto t0 = std::chrono::steady_clock::now();
    if (mode == "dump") {
      auto r = cairn::syntax::ParseFile(text, name);
      std::cout << cairn::syntax::testing::GoldenText(*r.file, r.diagnostics);
    } else if (mode == "check") {
      auto d = cairn::syntax::CheckSyntax(text, name);
      auto t1 = std::chrono::steady_clock::now();
      double s = std::chrono::duration<double>(t1 - t0).count();
      std::cout << cairn::syntax::testing::DiagnosticsText(d);
      std::cerr << name << ": " << text.size() / 1e6 << " MB in " << s << " s = "
                << text.size() / 1e6 / s << " MB/s\n";
    } else {
      auto r = cairn::syntax::ParseFile(text, name);
      auto t1 = std::chrono::steady_clock::now();
      double s = std::chrono::duration<double>(t1 - t0).count();
      std::cerr << name << ": " << text.size() / 1e6 << " MB in " << s << " s = "
                << text.size() / 1e6 / s << " MB/s, " << r.diagnostics.size() << " diagnostics, "
                << r.file->body.blocks.size() << " blocks\n";
    }
  }
  return 0;
}
