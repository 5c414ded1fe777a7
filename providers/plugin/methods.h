#pragma once
/// The protocol's methods (docs/PROVIDER_PROTOCOL.md, "Methods"): params and results of each
/// provider.h operation as JSON (held as cairn::Value, see wire_value.h). The client encodes
/// params and decodes results; the server decodes params and encodes results. Values are
/// wire values of the schema type the method's type_name selects.

#include <string>
#include <string_view>

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "providers/provider.h"
#include "providers/schema.h"

namespace cairn::providers::plugin {

inline constexpr std::string_view kInitialize = "initialize";
inline constexpr std::string_view kGetProviderSchema = "GetProviderSchema";
inline constexpr std::string_view kValidateResourceConfig = "ValidateResourceConfig";
inline constexpr std::string_view kConfigureProvider = "ConfigureProvider";
inline constexpr std::string_view kPlanResourceChange = "PlanResourceChange";
inline constexpr std::string_view kApplyResourceChange = "ApplyResourceChange";
inline constexpr std::string_view kReadResource = "ReadResource";
inline constexpr std::string_view kImportResourceState = "ImportResourceState";
inline constexpr std::string_view kReadDataSource = "ReadDataSource";
inline constexpr std::string_view kUpgradeResourceState = "UpgradeResourceState";
inline constexpr std::string_view kStop = "Stop";

/// The schema of managed resource type `type_name`, or nullptr.
const Schema* ResourceSchemaOf(const ProviderSchema& schema, std::string_view type_name);
/// The schema of data source `type_name`, or nullptr.
const Schema* DataSourceSchemaOf(const ProviderSchema& schema, std::string_view type_name);

/// `[{"severity": "error"|"warning", "summary": ..., "detail": ...}]`.
Value EncodeDiagnostics(const Diagnostics& diagnostics);
/// Appends what `json` (an array, or a null/missing field for none) holds to `out`.
bool DecodeDiagnostics(const Value* json, Diagnostics& out, std::string& error);

// Params. Decoders return false with `error` set ("params.config.size: a number is
// required") when `params` does not fit.
Value EncodeParams(const ValidateResourceConfigRequest& r, const Type& config_type);
bool DecodeParams(const Value& params, const ProviderSchema& schema,
                  ValidateResourceConfigRequest& r, std::string& error);
Value EncodeParams(const ConfigureProviderRequest& r, const Type& config_type);
bool DecodeParams(const Value& params, const ProviderSchema& schema, ConfigureProviderRequest& r,
                  std::string& error);
Value EncodeParams(const PlanResourceChangeRequest& r, const Type& type);
bool DecodeParams(const Value& params, const ProviderSchema& schema, PlanResourceChangeRequest& r,
                  std::string& error);
Value EncodeParams(const ApplyResourceChangeRequest& r, const Type& type);
bool DecodeParams(const Value& params, const ProviderSchema& schema,
                  ApplyResourceChangeRequest& r, std::string& error);
Value EncodeParams(const ReadResourceRequest& r, const Type& type);
bool DecodeParams(const Value& params, const ProviderSchema& schema, ReadResourceRequest& r,
                  std::string& error);
Value EncodeParams(const ImportResourceStateRequest& r);
bool DecodeParams(const Value& params, const ProviderSchema& schema,
                  ImportResourceStateRequest& r, std::string& error);
Value EncodeParams(const ReadDataSourceRequest& r, const Type& type);
bool DecodeParams(const Value& params, const ProviderSchema& schema, ReadDataSourceRequest& r,
                  std::string& error);
Value EncodeParams(const UpgradeResourceStateRequest& r);
bool DecodeParams(const Value& params, const ProviderSchema& schema,
                  UpgradeResourceStateRequest& r, std::string& error);

// Results. `type` is the implied type of the schema the request's type_name selected.
Value EncodeResult(const Diagnostics& diagnostics);  // ValidateResourceConfig, ConfigureProvider
bool DecodeResult(const Value& result, Diagnostics& diagnostics, std::string& error);
Value EncodeResult(const PlanResourceChangeResponse& r, const Type& type);
bool DecodeResult(const Value& result, const Type& type, PlanResourceChangeResponse& r,
                  std::string& error);
Value EncodeResult(const ApplyResourceChangeResponse& r, const Type& type);
bool DecodeResult(const Value& result, const Type& type, ApplyResourceChangeResponse& r,
                  std::string& error);
Value EncodeResult(const ReadResourceResponse& r, const Type& type);
bool DecodeResult(const Value& result, const Type& type, ReadResourceResponse& r,
                  std::string& error);
Value EncodeResult(const ImportResourceStateResponse& r, const ProviderSchema& schema);
bool DecodeResult(const Value& result, const ProviderSchema& schema,
                  ImportResourceStateResponse& r, std::string& error);
Value EncodeResult(const ReadDataSourceResponse& r, const Type& type);
bool DecodeResult(const Value& result, const Type& type, ReadDataSourceResponse& r,
                  std::string& error);
Value EncodeResult(const UpgradeResourceStateResponse& r, const Type& type);
bool DecodeResult(const Value& result, const Type& type, UpgradeResourceStateResponse& r,
                  std::string& error);

}  // namespace cairn::providers::plugin
