// A resource instance of a Terraform plan or state, as the plan loader sees it, and the
// questions asked of its attributes (known? unknown until apply? a string?).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "json/json.h"

namespace iamlint::plan {

using json::Value;

/// One resource instance, wherever the plan shows it (planned_values, values, prior_state,
/// resource_changes, a raw state's instances).
struct Instance {
  std::string address;
  std::string module;      // module instance address ("" for root)
  std::string config_key;  // module path without keys + resource address without key
  std::string mode;
  std::string type;
  std::string name;
  std::string key;  // index key text ("" when none)
  const Value* values = nullptr;
  const Value* after_unknown = nullptr;
  std::string pointer;  // of the resource object
  size_t offset = 0;
  bool deferred = false;  // a data source read only at apply

  bool managed() const { return mode == "managed"; }
  /// The local address without key: `data.aws_iam_policy_document.x`, `aws_iam_role.r`.
  std::string local() const;
  /// JSON pointer of the instance's attribute values.
  std::string values_pointer() const;
};

/// The awscc provider (Cloud Control) names attributes after CloudFormation properties.
bool IsAwscc(const std::string& type);
bool IsRoleType(const std::string& type);

/// Whether `after_unknown` (Terraform's mirror of the values, true where a value is known only
/// at apply) marks `attr` unknown.
bool IsUnknown(const Value* after_unknown, std::string_view attr);

/// The attribute's value when known and not null, else nullptr.
const Value* KnownAttr(const Instance& in, std::string_view attr);

/// The attribute's value when a known string, else "".
std::string StringAttr(const Instance& in, std::string_view attr);

/// The role name at the end of a role ARN (`arn:aws:iam::1:role/path/name` -> `name`), or ""
/// when `arn` names no role.
std::string RoleNameFromArn(const std::string& arn);

/// Index of an array element as written in the file (the filter drops elements).
inline size_t Index(const Value& element) { return element.source_index(); }

/// Index key text of a resource instance as written in its address (`0`, `"dev"`).
std::string IndexKey(const Value* index);

}  // namespace iamlint::plan
