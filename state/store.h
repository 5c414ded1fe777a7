#pragma once
/// Where states live: the StateStore interface (read, write, lock), implemented by
/// LocalStateStore (local_store.h) and, later, by the git and PostgreSQL stores.

#include <chrono>
#include <functional>
#include <string>

#include "lang/base/diagnostic.h"
#include "state/statefile.h"

namespace cairn::state {

/// What a lock is for, as Terraform records it in its lock info.
struct LockRequest {
  /// Terraform's operation names: "OperationTypePlan", "OperationTypeApply",
  /// "OperationTypeInvalid" (console, output).
  std::string operation = "OperationTypeInvalid";
  /// How long to keep retrying while someone else holds the lock (-lock-timeout); 0: once.
  std::chrono::milliseconds timeout{0};
  /// Called once when acquiring has taken longer than 400 ms (Terraform then prints
  /// "Acquiring state lock. This may take a few moments...").
  std::function<void()> on_slow;
};

/// A state store. Not thread-safe; one store serves one command.
class StateStore {
 public:
  virtual ~StateStore() = default;

  /// The stored state, or no state when there is none yet. The state read becomes the base
  /// the next Write compares with.
  virtual ReadStateResult Read() = 0;

  /// Stores `state`, updating its bookkeeping first: `lineage` is kept from the base (a new
  /// random UUID when there is none), `serial` is the base's, plus one when the content
  /// (outputs, resources, check results) differs from the base's or there was no base, and
  /// `cairn_version` is this Cairn's. The written state becomes the new base.
  virtual Diagnostics Write(State& state) = 0;

  /// Stores `state` as `state push` imports a snapshot (Terraform's WriteStateForMigration
  /// followed by WriteState): its `lineage` is kept (a new random UUID when empty) and its
  /// `serial` too, plus one when there was a base whose content differs. Checking that the
  /// snapshot may replace the base (lineage, serial) is the caller's business. The written
  /// state becomes the new base.
  virtual Diagnostics WriteImported(State& state) = 0;

  /// Takes the lock, retrying until `request.timeout`; Terraform's "Error acquiring the state
  /// lock" when someone else holds it.
  virtual Diagnostics Lock(const LockRequest& request) = 0;
  /// Releases the lock taken by Lock (no-op when not locked).
  virtual Diagnostics Unlock() = 0;
};

/// A random (version 4) UUID in its canonical text form.
std::string NewUuid();

}  // namespace cairn::state
