#pragma once
/// Terraform's machine-readable UI log (`plan -json`): one JSON object per line on stdout,
/// its top-level keys sorted as Go's map marshalling sorts them ("@level", "@message",
/// "@module", "@timestamp", then the message's own keys), nested objects in the order they
/// were built. Cairn's version message names Cairn ("@message": "Cairn X.Y.Z", "cairn":
/// "X.Y.Z") and keeps Terraform's keys ("@module": "terraform.ui", "terraform": the Terraform
/// version Cairn is compatible with, "ui": "1.2") so consumers of Terraform's stream read it.

#include <nlohmann/json.hpp>
#include <string>

#include "cli/streams.h"
#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "lang/base/source_index.h"

namespace cairn::cli {

/// The current time as the log's "@timestamp": RFC 3339 UTC with microseconds
/// ("2026-11-22T10:56:52.341973Z").
std::string UiTimestamp();

class JsonUi {
 public:
  explicit JsonUi(Streams& io) : io_(io) {}

  /// The first line: {"@level":"info","@message":"Cairn V",...,"type":"version","ui":"1.2"}.
  void Version();
  /// Writes `message` (with "@message", "type" and its own keys) at `level`.
  void Message(const nlohmann::ordered_json& message, const char* level = "info");
  /// One "diagnostic" message per diagnostic ("error" or "warn").
  void Diagnostics(const cairn::Diagnostics& diags, const SourceIndex& sources);
  /// The "refresh_start" and "refresh_complete" messages of reading `addr` again (`id` the
  /// object's "id" attribute, "" when it has none).
  void Refreshed(const addrs::AbsResourceInstance& addr, const std::string& id);

 private:
  Streams& io_;
};

/// The "resource" object of a UI message: addr, module, resource, implied_provider,
/// resource_type, resource_name, resource_key.
nlohmann::ordered_json UiResource(const addrs::AbsResourceInstance& addr);

}  // namespace cairn::cli
