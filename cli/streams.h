#pragma once
/// The CLI's view of the terminal: where output goes and whether colour is allowed.

#include <iostream>

namespace cairn::cli {

/// Output streams plus what we know about them. Colour is used only when the stream is a TTY,
/// NO_COLOR is unset and `-no-color` was not given (Terraform colours pipes too; we don't).
struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool in_tty = false;
  bool out_tty = false;
  bool err_tty = false;
  bool no_color = false;  // NO_COLOR set or -no-color given
  /// Each diagnostic PrintDiagnostics prints is followed by an empty line, as Terraform's
  /// Meta.showDiagnostics writes them through Ui.Error (`import` prints its errors so).
  bool diagnostics_blank_line = false;

  bool OutColor() const { return out_tty && !no_color; }
  bool ErrColor() const { return err_tty && !no_color; }
  /// Width for wrapping diagnostic detail text: the terminal's width on a TTY, else 78.
  int ErrWidth() const;
};

/// Streams for the real process (std::cin/cout/cerr), with TTY and NO_COLOR detection.
Streams ProcessStreams();

}  // namespace cairn::cli
