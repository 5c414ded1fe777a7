#pragma once
/// Serving a C++ Provider as a plugin executable: the server side of the protocol
/// (docs/PROVIDER_PROTOCOL.md). A plugin's main() is one call:
///
///   int main() { MyProvider p; return ServeProvider(p, {"my", "1.0.0"}); }
///
/// Requests are answered on a pool of worker threads (up to 32 at once), so a client that
/// multiplexes ReadResource calls gets them served in parallel; `initialize`,
/// `GetProviderSchema` and the `Stop` notification are answered at once. The server returns
/// when its stdin ends (after calling Stop and letting requests in flight finish), or when
/// the byte stream breaks. Requests still running `drain_timeout` after the end of input end
/// the process (std::_Exit(1)): a plugin whose Cairn was killed does not linger.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "providers/provider.h"

namespace cairn::providers::plugin {

struct ServeOptions {
  /// What `initialize` reports about the plugin.
  std::string name;
  std::string version;
  /// How long requests in flight may go on after the end of input.
  std::chrono::milliseconds drain_timeout{std::chrono::seconds(10)};
  /// Fault injection for tests: called before a request is served (on the thread that serves
  /// it) with its method and id (JSON text); bytes it returns are written instead of the
  /// answer (nothing: serve it).
  std::function<std::optional<std::string>(std::string_view method, std::string_view id_json)>
      intercept;
};

/// Serves `provider` over `in_fd`/`out_fd` (stdin/stdout by default; when `out_fd` is 1,
/// file descriptor 1 is pointed at stderr first, so stray prints of the provider code land
/// in Cairn's log instead of the protocol stream). Returns the process exit code: 0 at the
/// end of input, 1 when the input broke the framing.
int ServeProvider(Provider& provider, const ServeOptions& options, int in_fd = 0, int out_fd = 1);

}  // namespace cairn::providers::plugin
