// IAM001 full-admin: a policy allows every action on every resource.
#include <algorithm>
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/statement_checks.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM001",
    .name = "full-admin",
    .severity = Severity::kError,
    .summary = "Policy allows every action on every resource (`*` on `*`)",
    .what =
        "Finds Allow statements without conditions whose Action covers every action (`*`, `*:*`) "
        "and whose Resource covers every resource: `*`, or an ARN pattern that matches every ARN "
        "of a partition (`arn:*`, `arn:aws:*`, `arn:*:*:*:*:*`, `arn:aws-cn:*:*:*:*`...), or a "
        "NotResource that leaves IAM's own resources in reach. Not reported when a Deny of all of "
        "it in the same policy takes it back. Checks the policies the input defines, and AWS "
        "managed policies with such a statement (AdministratorAccess...) where they are attached "
        "to a role, user or group. Each statement is judged alone: resources split over several "
        "statements are not added up. A policy used only as a permissions boundary grants nothing "
        "and is not reported.",
    .why =
        "Whoever holds the policy controls the whole account: every service, every resource, IAM "
        "itself. One leaked credential or one request-handling bug in code running with it "
        "becomes an account takeover. `arn:*` reads like a narrowing but matches every ARN there "
        "is.",
    .example = "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:*:*:*:*\"}",
    .fix =
        "Grant the actions and resources the workload needs; for people, use an admin role "
        "assumed with MFA rather than a policy attached to a workload.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "best-practices.html#grant-least-privilege",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html",
        },
};

/// What a full-admin statement reaches, for the message; "" when it is not one.
std::string FullAdminReach(const Statement& st) {
  if (st.effect != Effect::kAllow || st.not_action || st.unknown_core || !st.conditions.empty() ||
      !st.has_resource) {
    return "";
  }
  if (std::none_of(st.actions.begin(), st.actions.end(),
                   [](const std::string& a) { return CoversAllActions(a); })) {
    return "";
  }
  if (st.not_resource) {
    // Every resource but the listed ones: an account takeover as long as IAM stays in reach
    // (create a user, attach AdministratorAccess to it). IAM is out of reach when a listed
    // pattern matches an IAM user of any account.
    const bool iam_excluded =
        std::any_of(st.resources.begin(), st.resources.end(), [](const std::string& r) {
          for (const char* partition : {"aws", "aws-cn", "aws-us-gov"}) {
            if (GlobMatches(
                    r, std::string("arn:") + partition + ":iam::111122223333:user/iamlint-probe")) {
              return true;
            }
          }
          return false;
        });
    return iam_excluded ? "" : "every resource except " + JoinLimited(st.resources, 3);
  }
  for (const auto& r : st.resources) {
    if (CoversWholePartition(r)) return r == "*" ? "every resource" : "every resource (" + r + ")";
  }
  return "";
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : IdentityPoliciesOf(scope)) {
    if (p.boundary_only) continue;  // a boundary caps; it grants nothing
    for (const auto& st : p.doc->statements) {
      const std::string reach = FullAdminReach(st);
      // A Deny of everything in the same policy leaves the Allow granting nothing.
      if (reach.empty() || DeniedInSameDocument(*p.doc, st, "*")) continue;
      out.Add(kInfo, {.resource = p.resource,
                      .loc = st.loc,
                      .message = "policy " + p.resource + " allows every action on " + reach +
                                 StatementLabel(st),
                      .hint = "grant only the actions and resources the workload needs"});
    }
  }
  // AWS managed policies are judged where they are attached: to a role, a user or a group.
  auto attached = [&](const char* kind, const std::string& holder,
                      const std::vector<Grant>& grants) {
    for (const auto& g : grants) {
      const Policy& p = PolicyOf(scope, g.policy);
      if (!p.aws_managed || !p.document.known()) continue;
      for (const auto& st : p.document.value().statements) {
        if (FullAdminReach(st).empty()) continue;
        out.Add(kInfo, {.resource = holder,
                        .loc = g.loc,
                        .message = std::string(kind) + " " + holder +
                                   " has the AWS managed policy " + p.name.value_or(p.display) +
                                   " attached, which allows every action on every "
                                   "resource",
                        .hint = "attach a policy with only the actions and resources the " +
                                std::string(kind) + " needs"});
        break;
      }
    }
  };
  for (const auto& role : scope.roles) {
    // Roles AWS manages itself (IAM Identity Center's AWSReservedSSO_*) cannot be changed here.
    if (role.display.find(":role/aws-reserved/") != std::string::npos) continue;
    attached("role", role.display, role.grants);
  }
  for (const auto& ug : scope.users_and_groups) {
    attached(ug.kind == UserOrGroup::Kind::kUser ? "user" : "group", ug.display, ug.grants);
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
