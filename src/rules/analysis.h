// Questions the Amplify rules ask of the model, answered once here.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "model/model.h"
#include "policy/eval.h"
#include "policy/match.h"
#include "rules/rule.h"

namespace iamlint {

enum class Tri { kNo, kYes, kUnknown };

/// One statement of a role's policies that grants application-data access.
struct DataGrant {
  const Policy* policy = nullptr;
  const Grant* grant = nullptr;
  const Statement* statement = nullptr;
  /// The statement's action patterns (as written) that reach application data.
  std::vector<std::string> patterns;
  /// Representative concrete actions those patterns allow (e.g. dynamodb:PutItem).
  std::vector<std::string> actions;
};

struct RoleDataAccess {
  std::vector<DataGrant> grants;
  /// False when some policy text or grant is unknown: absence cannot be concluded.
  bool complete = true;
};

/// Application-data actions (DynamoDB, S3 outside Amplify's buckets, Lambda
/// invoke, SQS/SNS/SES, Secrets Manager, SSM parameters, KMS, Bedrock, ...)
/// that a role's Allow statements grant.
/// `options` adds the team's own data actions and leaves out the service-role duties it accepts.
RoleDataAccess DataAccessOf(const Scope& scope, const Role& role,
                            const RuleOptions& options = RuleOptions());

/// Whether two resource patterns (`*` any run, `?` one character) can match a common ARN.
/// Either matching the other is not enough: `arn:aws:s3:::app-*` and `arn:aws:s3:::*-logs`
/// share `arn:aws:s3:::app-logs`. Very long pairs are taken to overlap (the cautious answer).
bool PatternsOverlap(const std::string& a, const std::string& b);

/// Which of a role's policies a question weighs.
enum class PolicyPart {
  kAll,       // identity policies, permissions boundary, resource policies: what AWS decides
  kIdentity,  // without the boundary: what the role's own grants (and resource policies) give
  kBoundary,  // the boundary alone, as if it granted: what it lets through
};

/// The engine's answer (policy/eval.h) to "does `role` get `action` on every resource `pattern`
/// matches?", the role's policies gathered by GatherRolePolicies, condition keys the input
/// cannot know left unknown (the role's own aws:PrincipalArn, aws:PrincipalAccount and
/// aws:PrincipalType are known when its ARN is), and policies out of view weighed: an answer
/// they could change is kDepends. `refused_on` is a resource the pattern matches on which the
/// request is surely refused (set only when the decision is kDepends).
struct RoleAnswer {
  Decision decision = Decision::kDepends;
  std::string refused_on;
  /// Surely refused on every resource the pattern matches, or on the witness `refused_on`.
  bool SurelyRefusedSomewhere() const {
    return decision == Decision::kExplicitDeny || decision == Decision::kImplicitDeny ||
           !refused_on.empty();
  }
  bool RefusedEverywhere() const {
    return decision == Decision::kExplicitDeny || decision == Decision::kImplicitDeny;
  }
};
RoleAnswer AskRole(const Scope& scope, const Role& role, const std::string& action,
                   const std::string& pattern, PolicyPart part = PolicyPart::kAll);

/// The resource patterns to ask about for what a statement grants: its Resource patterns, or
/// `*` for NotResource (`not_resource` set: then only an answer for every resource counts).
/// Empty when a pattern holds a policy variable (whose value the rule cannot know).
std::vector<std::string> GrantedPatterns(const Statement& st, bool* not_resource);

/// The action patterns of a data grant (held by some other role) whose actions `runtime` is
/// surely refused on some resource the grant allows them (for a NotResource grant: on every
/// resource): what the code running as `runtime` does not get. Sets `*boundary` to the display
/// of `runtime`'s permissions boundary when the boundary is what refuses them.
std::set<std::string> PatternsRefusedTo(const Scope& scope, const Role& runtime,
                                        const DataGrant& grant, std::string* boundary);

/// What one grant (attachment, inline policy...) of a role gives that another role lacks: the
/// patterns, the resources of the statements and the statements themselves.
struct GrantGap {
  const Grant* grant = nullptr;
  const Policy* policy = nullptr;
  std::vector<std::string> patterns;
  std::vector<std::string> resources;
  std::vector<const Statement*> statements;
  /// Set by the caller's `missing`: the other role is absent for some workload, or its
  /// permissions boundary (this display) is what refuses.
  bool no_runtime = false;
  std::string boundary;
  /// "POLICY" or "POLICY via ATTACHMENT", for messages.
  std::string Where() const;
};

/// The role's data grants grouped by the grant they come from (in input order), each keeping
/// the patterns `missing` returns for its statements (`missing` may also set the gap's
/// `no_runtime` and `boundary`); grants with none are left out.
std::vector<GrantGap> GapsByGrant(
    const RoleDataAccess& access,
    const std::function<std::set<std::string>(const DataGrant&, GrantGap*)>& missing);

/// Whether a trust policy lets `service` (e.g. amplify.amazonaws.com) call sts:AssumeRole.
/// `trusted` receives the service principals it names in Allow statements, for messages;
/// `never_met`, when given, the condition keys a service's request never carries on which
/// the Allow statements naming `service` depend (an MFA condition: such a statement never
/// applies). A service's request is judged with those keys absent and every other key
/// unknown: a Deny applies when its conditions hold without them (BoolIfExists
/// aws:MultiFactorAuthPresent false, say), an Allow does not when they need them.
Tri TrustAllowsService(const PolicyDocument& trust, const std::string& service,
                       std::vector<std::string>* trusted,
                       std::vector<std::string>* never_met = nullptr);

/// Why a trust policy refuses `service`, from what TrustAllowsService returned: "it trusts S
/// only under a condition on aws:MultiFactorAuthPresent, which a service's request never
/// carries ...", "it trusts X, not S", "a Deny statement refuses S", "no statement allows S
/// sts:AssumeRole".
std::string TrustRefusal(const std::string& service, const std::vector<std::string>& trusted,
                         const std::vector<std::string>& never_met);

/// "a, b, c and 3 more"
std::string JoinLimited(const std::vector<std::string>& items, size_t limit);

/// Where a user sets an app's compute role in this scope's input format: `compute_role_arn`
/// (Terraform), `ComputeRoleArn` (CloudFormation), `--compute-role-arn` (AWS CLI).
std::string ComputeRoleField(const Scope& scope);

/// The role a RoleRef resolves to, or nullptr.
const Role* RoleOf(const Scope& scope, const RoleRef& ref);

}  // namespace iamlint

namespace iamlint {

/// Calls `fn(var, owner, resource)` for every environment variable of the scope's apps, their
/// auto-branch settings and their branches; `owner` reads "app X", "branch Y", ...
void ForEachEnvVar(const Scope& scope,
                   const std::function<void(const EnvVar&, const std::string& owner,
                                            const std::string& resource)>& fn);

/// An identity policy document to lint, once per document, with what users call it.
struct LintedPolicy {
  const PolicyDocument* doc = nullptr;
  std::string resource;  // Terraform address, ARN, "role inline policy", or the policy file
  /// Used only as a permissions boundary in this scope: it grants nothing, it caps. Broad
  /// Allows are what a boundary is made of, so the rules about over-granting skip it; the
  /// rules about validity still read it.
  bool boundary_only = false;
  /// A resource-based policy (bucket, queue, topic, key, secret or table policy).
  bool resource_policy = false;
};

/// Identity policies a scope defines: standalone documents, customer managed and inline
/// policies. AWS managed policies are not included (their text is AWS's, not the user's).
std::vector<LintedPolicy> IdentityPoliciesOf(const Scope& scope);

/// The identity policies and then the resource-based policies a scope defines: for the rules
/// about a policy's validity (grammar, action names, resource types), which hold for both.
std::vector<LintedPolicy> PoliciesToValidate(const Scope& scope);

/// Whether a statement's Action (not NotAction) list names `action` through a pattern other
/// than a bare "*" (which the full-admin rule reports).
bool NamesAction(const Statement& st, const std::string& action);

/// Whether any condition of the statement tests `key` (case-insensitive).
bool HasConditionKey(const Statement& st, const std::string& key);

/// Whether the statement's Resource reaches every resource: it holds "*" or a pattern that
/// matches every ARN of a partition (`arn:*`, `arn:aws:*:*:*:*`).
bool AllResources(const Statement& st);

/// Whether one unconditional Deny statement of the same document takes away everything the
/// Allow statement `allow` grants through `action_pattern` (as written, e.g. "iam:*"): its
/// actions cover the pattern and its resources cover every resource of the Allow. Then the
/// Allow grants none of it and a rule must not report it as granted. Conservative: a Deny with
/// conditions, NotAction or NotResource, or several Denies that only together cover it, do not
/// count.
bool DeniedInSameDocument(const PolicyDocument& doc, const Statement& allow,
                          const std::string& action_pattern);

}  // namespace iamlint
