#pragma once
/// `test_sleep`, a resource of the test provider that only takes time: every create, update
/// and delete sleeps `duration_ms` (a provider Stop() cuts the sleep short and fails the
/// operation). For benchmarks of the apply engine, where the resource's own work must not
/// cost anything but the wait.
///
///   duration_ms  optional number (0 when null)
///   input        optional string (to make dependencies)
///   id           computed string: "sleep-" + a counter

#include <atomic>

#include "providers/provider.h"

namespace cairn::providers {

inline constexpr std::string_view kTestSleepType = "test_sleep";

Schema TestSleepSchema();
PlanResourceChangeResponse PlanTestSleep(const PlanResourceChangeRequest& request);
ApplyResourceChangeResponse ApplyTestSleep(const ApplyResourceChangeRequest& request,
                                           const std::atomic<bool>& stopped);

}  // namespace cairn::providers
