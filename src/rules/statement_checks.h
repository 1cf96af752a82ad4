// Questions the IAM rules (IAM001, IAM004, IAM005, IAM011) ask of one policy statement, answered
// by what the patterns and operators mean rather than by comparing strings.
#pragma once

#include <string>
#include <string_view>

#include "model/policy.h"
#include "policy/match.h"

namespace iamlint {

/// Whether an Action pattern matches every action of every service: `*`, `*:*`, `**:*`, `?*:*`...
/// (decided over the language of action names `service:Action`, not by string equality).
bool CoversAllActions(std::string_view pattern);

/// Whether a Resource pattern matches every ARN of at least one AWS partition: `*`, `arn:*`,
/// `arn:aws:*`, `arn:*:*:*:*:*`, `arn:aws-cn:*:*:*:*`... An ARN is `arn:PARTITION:SERVICE:REGION:
/// ACCOUNT:RESOURCE` with a non-empty service and resource, an empty or any region and account,
/// and a resource that may hold `:` and `/`. `arn:*:*:*:*:*/*` is not such a pattern: it misses
/// every ARN without a `/` (S3 buckets, SQS queues, SNS topics...).
bool CoversWholePartition(std::string_view pattern);

/// Whether the statement's Action (or NotAction) element reaches the concrete `action`.
bool StatementReaches(const Statement& st, std::string_view action);

/// A condition operator taken apart: `ForAllValues:StringNotLikeIfExists` is base
/// `StringNotLike`, `for_all_values`, `if_exists`, `negated`.
struct ConditionOperator {
  std::string base;  // e.g. "StringLike", "ArnEquals", "Null"
  bool for_any_value = false;
  bool for_all_values = false;
  bool if_exists = false;
  /// A `...Not...` operator (StringNotEquals, ArnNotLike, NumericNotEquals...): it holds for
  /// every value but the listed ones.
  bool negated = false;
};
ConditionOperator ParseConditionOperator(std::string_view op);

/// Which condition keys narrow who may call, for a statement open to everyone.
enum class CallerScope {
  /// A resource policy: only the global keys that name or bound the caller (aws:SourceArn,
  /// aws:PrincipalOrgID, aws:SourceIp, kms:CallerAccount...).
  kResourcePolicy,
  /// A role trust policy: those keys, and the claims of a web-identity or SAML provider
  /// (`accounts.google.com:aud`, `saml:sub`...), which are the provider's to assert.
  kTrustPolicy,
};

/// Whether some condition of the statement limits who may call to a set the policy names. A
/// condition counts only when a caller outside that set fails it: negated operators
/// (StringNotEquals aws:PrincipalOrgID allows every other organisation), `...IfExists` (a caller
/// without the key passes) and `ForAllValues:` (an absent key passes) do not count.
bool NarrowsCaller(const Statement& st, CallerScope scope);

/// For a statement NarrowsCaller rejects: the first condition on a caller key whose operator
/// lets others in, explained ("StringNotEquals on aws:PrincipalOrgID lets in every caller not
/// listed"); "" when there is none.
std::string CallerLoophole(const Statement& st, CallerScope scope);

}  // namespace iamlint
