/// `cairn-provider-test`: Cairn's deterministic test provider (cairn.dev/test/test) served as
/// a plugin executable. For the suite's failure tests, `CAIRN_TEST_PLUGIN_FAULT=MODE:METHOD`
/// makes it misbehave when a request for METHOD arrives (`CAIRN_TEST_PLUGIN_DRAIN_MS` sets how
/// long requests in flight may go on after the end of input):
///   crash     writes a line to stderr and exits with status 2
///   hang      never answers (the request's worker sleeps; the plugin still reads its input)
///   garbage   answers bytes that are not JSON (in a well-formed frame)
///   badframe  answers bytes that are not a frame
///   badvalue  answers a well-formed result whose object has a number where a string belongs
///   version2  answers `initialize` with protocol version 2

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "providers/plugin/frame.h"
#include "providers/plugin/plugin_server.h"
#include "providers/test_provider.h"

int main() {
  namespace plugin = cairn::providers::plugin;
  cairn::providers::TestProvider provider;
  plugin::ServeOptions options;
  options.name = "test";
  options.version = CAIRN_VERSION;
  if (const char* drain = std::getenv("CAIRN_TEST_PLUGIN_DRAIN_MS"); drain && *drain) {
    options.drain_timeout = std::chrono::milliseconds(std::atoll(drain));
  }
  if (const char* fault = std::getenv("CAIRN_TEST_PLUGIN_FAULT"); fault && *fault) {
    std::string spec = fault;
    size_t colon = spec.find(':');
    std::string mode = spec.substr(0, colon);
    std::string method = colon == std::string::npos ? "" : spec.substr(colon + 1);
    options.intercept = [mode, method](std::string_view m,
                                       std::string_view id) -> std::optional<std::string> {
      if (m != method) return std::nullopt;
      if (mode == "crash") {
        std::fprintf(stderr, "panic: injected crash in %s\n", method.c_str());
        std::fflush(stderr);
        _exit(2);
      }
      if (mode == "hang") {
        while (true) std::this_thread::sleep_for(std::chrono::hours(1));
      }
      if (mode == "garbage") return plugin::EncodeFrame("this is not json");
      if (mode == "badframe") return std::string("HTTP/1.1 200 OK\r\n\r\n");
      if (mode == "badvalue") {
        return plugin::EncodeFrame("{\"jsonrpc\":\"2.0\",\"id\":" + std::string(id) +
                                   ",\"result\":{\"new_state\":{\"value\":{\"name\":7}}}}");
      }
      if (mode == "version2") {
        return plugin::EncodeFrame("{\"jsonrpc\":\"2.0\",\"id\":" + std::string(id) +
                                   ",\"result\":{\"protocol_version\":2}}");
      }
      return std::nullopt;
    };
  }
  return plugin::ServeProvider(provider, options);
}
