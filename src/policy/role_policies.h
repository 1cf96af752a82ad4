// A role's policies gathered from its scope for the engine (policy/eval.h): its identity
// policies (inline, customer managed, attached, AWS managed with the bundled text the loaders put
// in the scope), its permissions boundary, and the resource policies that may apply to the
// resource asked about -- with what the input does not show named, so that no answer is taken
// from policies out of view. `simulate` and the rules gather through here.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"
#include "policy/eval.h"

namespace iamlint {

struct RolePolicies {
  EvalPolicies policies;
  /// Policies (or facts) whose text this input does not show that could allow the request:
  /// an identity policy rendered only at apply, grants not listed, a resource policy whose
  /// resource is known only after apply, the role's ARN a resource policy's Principal needs.
  /// While any is named, only an explicit Deny is a sure answer.
  std::vector<std::string> unknown;
  /// The permissions boundary's text (or a part) is not shown: it can only take away, so an
  /// Allow is not a sure answer, a refusal is.
  bool boundary_unknown = false;
};

/// Gathers `role`'s policies for a request of `action` on `resource` (an ARN, or a pattern such
/// as `arn:aws:dynamodb:*:*:table/app-*`: then every resource policy of the action's service
/// whose resource the pattern may match is included, each limited to its own resource by
/// EvalPolicy::applies_to). For sts:AssumeRole* the trust policies of the roles `resource`
/// names are the resource policies.
RolePolicies GatherRolePolicies(const Scope& scope, const Role& role, const std::string& action,
                                const std::string& resource);

/// Whether statement `st` may concern a request of `action`: it lists the action (or, with
/// NotAction, does not exclude it), or its Effect or action list is unknown. An asked action
/// with wildcards may concern any statement.
bool MayConcern(const Statement& st, const std::string& action);

/// Whether what `doc` does not show (a statement list out of view, statements known in part)
/// may concern `action`: statements known in part that do not concern it leave the answer
/// for it as sure as if the document were whole.
bool UnknownPartsMayConcern(const PolicyDocument& doc, const std::string& action);

/// Whether `r` names the role: its display name, ARN, name, or a role ARN ending in its name.
bool RoleIs(const Role& r, const std::string& who);

/// Whether a policy `gathered` does not show could change the engine's decision `d` (the Deny of
/// an explicit refusal stands; a boundary out of view can only take an Allow away).
bool OutOfViewCouldChange(Decision d, const RolePolicies& gathered);

/// `d`, or kDepends where a policy out of view could change it.
inline Decision Settled(Decision d, const RolePolicies& gathered) {
  return OutOfViewCouldChange(d, gathered) ? Decision::kDepends : d;
}

}  // namespace iamlint
