// IAM policy evaluation, as AWS documents it
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit Deny wins, then an Allow, else the request is implicitly denied. Identity
// policies, a permissions boundary and a resource policy of the same account are combined.
//
// Three-valued: a statement whose Condition names a key the request does not give (and the
// request marks its context as partial) "depends" on that key, and so may the decision.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/policy.h"

namespace iamlint {

/// One request: who asks to do what on which resource, with the condition keys known.
struct EvalRequest {
  std::string principal;  // the caller's ARN (used for Principal matching and aws:PrincipalArn)
  std::string action;     // "dynamodb:PutItem"
  std::string resource;   // an ARN
  /// Condition keys (matched case-insensitively) -> values. Multi-valued keys have several.
  std::map<std::string, std::vector<std::string>> context;
  /// True: a key missing from `context` is known to be absent from the request (as in AWS).
  /// False: a missing key is unknown, and statements that test it "depend" on it.
  bool context_complete = true;
};

enum class Decision {
  kAllowed,
  kExplicitDeny,
  kImplicitDeny,
  kDepends,  // the answer depends on condition keys the request did not give
};
const char* DecisionName(Decision d);

/// A policy and where it is attached, for evaluation.
struct EvalPolicy {
  std::string name;  // for messages: the policy's display name
  const PolicyDocument* document = nullptr;
};

struct EvalPolicies {
  std::vector<EvalPolicy> identity;
  std::vector<EvalPolicy> boundary;  // empty: no permissions boundary
  std::vector<EvalPolicy> resource;  // resource-based policies (same account)
};

/// A statement that took part in the decision.
struct DecidingStatement {
  std::string policy;
  const Statement* statement = nullptr;
  Effect effect = Effect::kAllow;
  bool conditional = false;               // applies only if its conditions hold
  std::vector<std::string> missing_keys;  // condition keys it depends on
};

struct EvalResult {
  Decision decision = Decision::kImplicitDeny;
  std::vector<DecidingStatement> deciding;
  std::vector<std::string> missing_keys;  // for kDepends
};

EvalResult Evaluate(const EvalPolicies& policies, const EvalRequest& request);

/// Whether one statement applies to the request (ignoring its Effect): kYes, kNo, or kDepends
/// on the keys listed in `missing`. `resource_policy` enables Principal matching.
enum class Applies { kNo, kYes, kDepends };
Applies StatementApplies(const Statement& st, const EvalRequest& request, bool resource_policy,
                         std::vector<std::string>* missing);

}  // namespace iamlint
