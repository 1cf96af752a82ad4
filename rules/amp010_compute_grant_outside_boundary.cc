// AMP010 compute-grant-outside-boundary: the compute role is granted application-data
// permissions that its permissions boundary does not allow, so SSR code is denied them.
#include <algorithm>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP010",
    .name = "compute-grant-outside-boundary",
    .severity = Severity::kError,
    .summary =
        "Compute role's permissions boundary refuses the application data access it is granted",
    .what =
        "For each SSR app's effective compute role (the app's, and every branch's) that has a "
        "permissions boundary, checks the application-data actions its policies grant (DynamoDB, "
        "S3, Lambda invoke, SQS, SNS, Secrets Manager, ...) against the boundary, through AWS "
        "managed boundaries too. Reports actions the boundary allows on none of the granted "
        "resources, or denies outright. A boundary that allows part of the resources narrows the "
        "grant as boundaries are meant to and is not reported; a boundary whose text the input "
        "does not show, or that is set to a value known only after apply without a reference, is "
        "not reported either.",
    .why =
        "A permissions boundary caps what a role's identity policies can allow: an action is "
        "allowed only if both allow it. Organisations often require a boundary on every role; a "
        "compute role created under such a rule gets its data policy attached and still receives "
        "AccessDenied at runtime, because the boundary was written before the app used that "
        "service. The plan looks right; the server fails.",
    .example =
        "resource \"aws_iam_role\" \"amplify_compute\" {\n"
        "  permissions_boundary = aws_iam_policy.platform_boundary.arn  # allows s3, logs, lambda\n"
        "}\n"
        "resource \"aws_iam_role_policy_attachment\" \"compute_data\" {\n"
        "  role       = aws_iam_role.amplify_compute.name\n"
        "  policy_arn = aws_iam_policy.app_data.arn                      # dynamodb:PutItem, ...\n"
        "}",
    .fix =
        "Allow the application's data actions in the boundary policy (or use a boundary meant for "
        "application roles), or drop the grant if the app no longer needs it.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
        },
};

std::string ServiceOf(const std::string& action) { return action.substr(0, action.find(':')); }

/// The concrete actions of a data grant to check: the representative ones the analysis found,
/// and the statement's own action names (no wildcard) of the same services.
std::vector<std::string> ActionsToCheck(const DataGrant& g) {
  std::vector<std::string> out = g.actions;
  if (g.statement->not_action) return out;
  for (const auto& a : g.statement->actions) {
    if (a.find_first_of("*?") != std::string::npos || a.find(':') == std::string::npos) continue;
    const bool data_service = std::any_of(g.actions.begin(), g.actions.end(), [&](const auto& d) {
      return AsciiEqualFold(ServiceOf(d), ServiceOf(a));
    });
    if (!data_service) continue;
    if (std::none_of(out.begin(), out.end(),
                     [&](const std::string& o) { return AsciiEqualFold(o, a); })) {
      out.push_back(a);
    }
  }
  return out;
}

/// Whether the role's boundary allows `action` on none of the resources the statement grants it
/// on, while the role's own policies do not already deny it there.
bool RefusedByBoundary(const Scope& scope, const Role& role, const std::string& action,
                       const Statement& grant) {
  bool not_resource = false;
  const std::vector<std::string> patterns = GrantedPatterns(grant, &not_resource);
  if (patterns.empty()) return false;
  // A boundary that allows part of the resources narrows the grant, as boundaries are meant to.
  return std::all_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return AskRole(scope, role, action, pattern, PolicyPart::kBoundary).RefusedEverywhere() &&
           AskRole(scope, role, action, pattern, PolicyPart::kIdentity).decision !=
               Decision::kExplicitDeny;
  });
}

void CheckRole(const Scope& scope, const App& app, const Role& role, Findings& out) {
  if (role.boundary.state != PolicyRef::State::kResolved) return;
  const Policy& boundary = scope.policies[static_cast<size_t>(role.boundary.policy)];
  RoleDataAccess access = DataAccessOf(scope, role, out.options());
  std::vector<std::string> refused;
  std::vector<std::string> resources;
  std::vector<const Statement*> statements;
  for (const auto& g : access.grants) {
    bool any = false;
    for (const auto& a : ActionsToCheck(g)) {
      if (!RefusedByBoundary(scope, role, a, *g.statement)) continue;
      any = true;
      if (std::find(refused.begin(), refused.end(), a) == refused.end()) refused.push_back(a);
    }
    if (!any) continue;
    statements.push_back(g.statement);
    for (const auto& r : g.statement->resources) {
      if (std::find(resources.begin(), resources.end(), r) == resources.end()) {
        resources.push_back(r);
      }
    }
  }
  if (refused.empty()) return;
  std::string on = resources.empty() ? "" : " on " + JoinLimited(resources, 3);
  Finding& f = out.Add(
      kInfo,
      {.resource = role.display,
       .loc = role.boundary.loc,
       .message = "compute role " + role.display + " of app " + app.display + " is granted " +
                  JoinLimited(refused, 8) + on + ", but its permissions boundary " +
                  boundary.display + " does not allow them, so SSR code is denied them at runtime",
       .hint = "allow these actions in the permissions boundary, or remove the grant"});
  for (const Statement* st : statements) {
    f.related.push_back(
        {"statement" + (st->sid.empty() ? "" : " \"" + st->sid + "\"") + " granting it", st->loc});
  }
  if (!boundary.aws_managed) {
    f.related.push_back({"boundary policy " + boundary.display, boundary.loc});
  }
  f.related.push_back({"app " + app.display, app.loc});
}

void Check(const Scope& scope, Findings& out) {
  std::vector<const Role*> done;  // a role shared by apps or branches is reported once
  for (const auto& app : scope.apps) {
    if (!IsSsr(app)) continue;
    for (const RoleRef* ref : EffectiveComputeRoles(scope, app)) {
      const Role* role = RoleOf(scope, *ref);
      if (role == nullptr || std::find(done.begin(), done.end(), role) != done.end()) continue;
      done.push_back(role);
      CheckRole(scope, app, *role, out);
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
