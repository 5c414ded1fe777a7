#pragma once
/// Helpers for the provider tests: values built from the JSON Terraform writes in a state
/// file's `attributes`, and a readable form of a value for failure messages.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "lang/base/typed_json.h"
#include "lang/base/value.h"
#include "lang/base/value_console.h"
#include "lang/base/value_json.h"

namespace cairn::testing {

/// The value `json` (a state file's `attributes` text) decodes to against `type`.
inline Value FromStateJson(std::string_view json, const Type& type) {
  TypedJsonResult r = DecodeTypedJson(json, type);
  EXPECT_TRUE(r.ok()) << r.error << " in " << json;
  return r.value;
}

/// `v` as the console shows it, followed by its type.
inline std::string Show(const Value& v) {
  return FormatConsoleValue(v) + " of type " + EncodeTypeJson(v.type());
}

/// Asserts that `actual` is exactly `expected` (type, nullness, unknownness, content).
#define EXPECT_VALUE_EQ(actual, expected)                                                     \
  EXPECT_TRUE((actual).RawEquals(expected)) << "actual:   " << ::cairn::testing::Show(actual) \
                                            << "\nexpected: " << ::cairn::testing::Show(expected)

}  // namespace cairn::testing
