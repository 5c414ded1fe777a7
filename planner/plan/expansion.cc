#include "planner/plan/expansion.h"

#include <fmt/format.h>

#include "lang/base/convert.h"

namespace cairn::planner {
namespace {

Expansion Unknown(Expansion::Mode mode) {
  Expansion e;
  e.mode = mode;
  e.known = false;
  return e;
}

}  // namespace

Expansion ExpandCount(const Value& value, const ast::Expr& expr, Diagnostics& diags) {
  const char* summary = "Invalid count argument";
  if (!value.IsKnown()) {
    diags.Error(summary,
                "The \"count\" value depends on resource attributes that cannot be determined "
                "until apply, so Terraform cannot predict how many instances will be created. To "
                "work around this, use the -target argument to first apply only the resources "
                "that the count depends on.",
                expr.range);
    return Unknown(Expansion::Mode::kCount);
  }
  if (value.IsNull()) {
    diags.Error(summary, "The given \"count\" argument value is null. An integer is required.",
                expr.range);
    return Unknown(Expansion::Mode::kCount);
  }
  ConvertResult c = Convert(value.UnmarkedDeep(), Type::Number());
  if (!c.ok()) {
    diags.Error(summary,
                fmt::format("The given \"count\" argument value is unsuitable: {}.",
                            c.error->Format()),
                expr.range);
    return Unknown(Expansion::Mode::kCount);
  }
  Number n = c.value.AsNumber();
  std::optional<int64_t> count = n.ToInt64();
  if (!n.IsInteger() || !count) {
    diags.Error(summary,
                "The given \"count\" argument value is unsuitable: value must be a whole "
                "number, between -9223372036854775808 and 9223372036854775807.",
                expr.range);
    return Unknown(Expansion::Mode::kCount);
  }
  if (*count < 0) {
    diags.Error(summary,
                "The given \"count\" argument value is unsuitable: must be greater than or equal "
                "to zero.",
                expr.range);
    return Unknown(Expansion::Mode::kCount);
  }
  Expansion e;
  e.mode = Expansion::Mode::kCount;
  e.instances.reserve(static_cast<size_t>(*count));
  for (int64_t i = 0; i < *count; ++i) {
    e.instances.emplace_back(addrs::InstanceKey::Int(i), Value::Null(Type::Dynamic()));
  }
  return e;
}

Expansion ExpandForEach(const Value& value, const ast::Expr& expr, Diagnostics& diags) {
  const char* summary = "Invalid for_each argument";
  if (value.IsNull()) {
    diags.Error(summary,
                "The given \"for_each\" argument value is unsuitable: the given \"for_each\" "
                "argument value is null. A map, or set of strings is allowed.",
                expr.range);
    return Unknown(Expansion::Mode::kForEach);
  }
  if (value.DeepMarks().sensitive()) {
    diags.Error(summary,
                "Sensitive values, or values derived from sensitive values, cannot be used as "
                "for_each arguments. If used, the sensitive value could be exposed as a resource "
                "instance key.",
                expr.range);
    return Unknown(Expansion::Mode::kForEach);
  }
  const Type& t = value.type();
  const bool is_map = t.IsMap() || t.IsObject();
  if (!t.IsDynamic() && !is_map && !t.IsSet()) {
    diags.Error(summary,
                fmt::format("The given \"for_each\" argument value is unsuitable: the "
                            "\"for_each\" argument must be a map, or set of strings, and you "
                            "have provided a value of type {}.",
                            t.FriendlyName()),
                expr.range);
    return Unknown(Expansion::Mode::kForEach);
  }
  if (t.IsSet() && !t.ElementType().IsDynamic() && t.ElementType() != Type::String()) {
    diags.Error(summary,
                fmt::format("The given \"for_each\" argument value is unsuitable: \"for_each\" "
                            "supports sets of strings, but you have provided a set containing "
                            "type {}.",
                            t.ElementType().FriendlyName()),
                expr.range);
    return Unknown(Expansion::Mode::kForEach);
  }
  if (!value.IsKnown() || (t.IsSet() && !value.IsWhollyKnown())) {
    if (t.IsSet()) {
      diags.Error(summary,
                  "The \"for_each\" set includes values derived from resource attributes that "
                  "cannot be determined until apply, and so Terraform cannot determine the full "
                  "set of keys that will identify the instances of this resource.\n\nWhen working "
                  "with unknown values in for_each, it's better to use a map value where the "
                  "keys are defined statically in your configuration and where only the values "
                  "contain apply-time results.\n\nAlternatively, you could use the -target "
                  "planning option to first apply only the resources that the for_each value "
                  "depends on, and then apply a second time to fully converge.",
                  expr.range);
    } else {
      diags.Error(summary,
                  "The \"for_each\" map includes keys derived from resource attributes that "
                  "cannot be determined until apply, and so Terraform cannot determine the full "
                  "set of keys that will identify the instances of this resource.\n\nWhen working "
                  "with unknown values in for_each, it's better to define the map keys "
                  "statically in your configuration and place apply-time results only in the map "
                  "values.\n\nAlternatively, you could use the -target planning option to first "
                  "apply only the resources that the for_each value depends on, and then apply a "
                  "second time to fully converge.",
                  expr.range);
    }
    return Unknown(Expansion::Mode::kForEach);
  }
  Expansion e;
  e.mode = Expansion::Mode::kForEach;
  const Value v = value.Unmarked();
  if (is_map) {
    const auto& keys = v.Keys();
    for (size_t i = 0; i < keys.size(); ++i) {
      e.instances.emplace_back(addrs::InstanceKey::String(keys[i]), v.Elements()[i]);
    }
    return e;
  }
  for (const Value& element : v.Elements()) {
    if (element.IsNull()) {
      diags.Error(summary,
                  "The given \"for_each\" argument value is unsuitable: \"for_each\" sets must "
                  "not contain null values.",
                  expr.range);
      return Unknown(Expansion::Mode::kForEach);
    }
    ConvertResult s = Convert(element, Type::String());
    if (!s.ok()) {
      diags.Error(summary,
                  fmt::format("The given \"for_each\" argument value is unsuitable: \"for_each\" "
                              "supports sets of strings, but you have provided a set containing "
                              "type {}.",
                              element.type().FriendlyName()),
                  expr.range);
      return Unknown(Expansion::Mode::kForEach);
    }
    e.instances.emplace_back(addrs::InstanceKey::String(s.value.AsString()), s.value);
  }
  return e;
}

}  // namespace cairn::planner
