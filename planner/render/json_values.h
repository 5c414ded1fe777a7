#pragma once
/// Values in Terraform's JSON plan/state representations (jsonplan's omitUnknowns,
/// unknownAsBool and jsonstate's SensitiveAsBool), shared by the JSON renderers.
///
/// Redaction: unless told to show sensitive values, a known, non-null value marked sensitive
/// is written as the string "(sensitive value)" (what Terraform's human plan shows there). A
/// null stays null: absence is not secret. The `*_sensitive` trees say which positions are
/// sensitive, exactly as Terraform writes them.

#include <nlohmann/json.hpp>
#include <optional>

#include "lang/base/value.h"
#include "providers/schema.h"

namespace cairn::planner::json_values {

using Json = nlohmann::ordered_json;

inline constexpr const char* kSensitiveText = "(sensitive value)";

/// A number as nlohmann holds it: integers that fit 64 bits exactly, others as a double.
Json NumberJson(const Number& n);

/// The known parts of `v` (omitUnknowns then ctyjson.Marshal): unknown attributes and map
/// entries are left out, unknown sequence elements are null. nullopt when `v` itself is
/// unknown. Sensitive values are redacted when `redact`.
std::optional<Json> KnownJson(const Value& v, bool redact);

/// unknownAsBool: true where unknown; known leaves of objects/maps are omitted.
Json UnknownAsBool(const Value& v);

/// SensitiveAsBool: true where marked sensitive; non-sensitive leaves of objects/maps omitted.
Json SensitiveAsBool(const Value& v);

/// `v` with sensitive marks added where the schema `block` declares sensitive attributes
/// (top level and inside nested blocks). Returns `v` unchanged when the schema has none.
Value MarkSchemaSensitive(const Value& v, const providers::Block& block);

}  // namespace cairn::planner::json_values
