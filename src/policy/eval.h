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
#include <utility>
#include <vector>

#include "model/policy.h"
#include "policy/match.h"

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
  /// Keys known to be absent from the request even when `context_complete` is false (those a
  /// service principal's request never carries, say), matched case-insensitively.
  std::vector<std::string> absent_keys;
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
  EvalPolicy() = default;
  EvalPolicy(std::string n, const PolicyDocument* d, std::vector<std::string> governed = {})
      : name(std::move(n)), document(d), applies_to(std::move(governed)) {}
  std::string name;  // for messages: the policy's display name
  const PolicyDocument* document = nullptr;
  /// For a resource policy: the resources it governs (patterns: a bucket and `bucket/*`); it
  /// takes part only in requests on them. Empty: every request of the set (the caller picked it).
  std::vector<std::string> applies_to;
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

/// The request asked of every resource a pattern matches (`request.resource` is a pattern such
/// as `arn:aws:dynamodb:*:*:table/app-*`, `*` and `?` wildcards, no policy variables).
struct PatternResult {
  /// kAllowed: allowed on every resource the pattern matches. kExplicitDeny: explicitly denied
  /// on every one. kImplicitDeny: allowed on none. kDepends: cannot tell -- it depends on
  /// condition keys (`missing_keys`), or on which resource (allowed on some, maybe not others).
  Decision decision = Decision::kImplicitDeny;
  std::vector<std::string> missing_keys;
  /// Witnesses, tried when the answer is kDepends: resources the pattern matches on which the
  /// request is surely refused (`refused_explicitly`: by a Deny) / surely allowed, whatever the
  /// missing keys. Empty when none was found.
  std::string refused_on;
  bool refused_explicitly = false;
  std::string allowed_on;
};

/// Set-wise evaluation: each statement applies to all of the pattern's resources (its Resource
/// covers the pattern), to none (no Resource overlaps it) or to some (kDepends), and the
/// three-valued logic of Evaluate combines these as it combines conditions -- sound, since an
/// "all" or "none" answer holds for every resource. Where it cannot tell, concrete resources
/// the pattern shares with the policies' own patterns are evaluated one by one as witnesses.
PatternResult EvaluatePattern(const EvalPolicies& policies, const EvalRequest& request);

/// Whether one statement applies to the request (ignoring its Effect): kYes, kNo, or kDepends
/// on the keys listed in `missing`. `resource_policy` enables Principal matching.
enum class Applies { kNo, kYes, kDepends };
Applies StatementApplies(const Statement& st, const EvalRequest& request, bool resource_policy,
                         std::vector<std::string>* missing);

/// Whether a statement's Condition block holds for the request (its other elements ignored):
/// kYes, kNo, or kDepends on the keys listed in `missing`. No conditions: kYes.
Applies ConditionsApply(const Statement& st, const EvalRequest& request,
                        std::vector<std::string>* missing);

}  // namespace iamlint
