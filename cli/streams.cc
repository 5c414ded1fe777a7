#include "cli/streams.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace cairn::cli {

int Streams::ErrWidth() const {
  if (err_tty) {
    struct winsize ws {};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col - 1;
  }
  return 78;
}

Streams ProcessStreams() {
  Streams s{std::cin, std::cout, std::cerr};
  s.in_tty = isatty(STDIN_FILENO);
  s.out_tty = isatty(STDOUT_FILENO);
  s.err_tty = isatty(STDERR_FILENO);
  const char* nc = std::getenv("NO_COLOR");
  s.no_color = nc != nullptr && nc[0] != '\0';
  return s;
}

}  // namespace cairn::cli
