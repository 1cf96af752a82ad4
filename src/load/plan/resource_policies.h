// Resource-based policies in a plan: bucket, queue, topic, key, secret, table, ... policies,
// which attribute of each resource type names the resource, and how its ARN is made.
#pragma once

#include <optional>

#include "load/plan/documents.h"

namespace iamlint::plan {

/// The resource-based policy instance `in` holds, or std::nullopt when it holds none (a type
/// that is not a resource policy, or no document). A KMS key without a policy gets the
/// default key policy AWS applies.
std::optional<ResourcePolicy> ResourcePolicyOf(const Instance& in, const PlanInput& input,
                                               PlanDocuments* docs);

}  // namespace iamlint::plan
