// IAM001 full-admin: a policy allows every action on every resource.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo = {
    "IAM001",
    "full-admin",
    Severity::kError,
    "Policy allows every action on every resource (`*` on `*`)",
    "Finds Allow statements with Action `*` and Resource `*` and no condition (not denied again "
    "by a Deny of `*` on `*` in the same policy), in the policies the input defines, and AWS "
    "managed policies with such a statement (AdministratorAccess, "
    "AdministratorAccess-Amplify's admin-equivalent peers...) where they are attached to a role, "
    "user or group. A "
    "policy used only as a permissions "
    "boundary grants nothing and is not reported.",
    "Whoever holds the policy controls the whole account: every service, every resource, IAM "
    "itself. One leaked credential or one request-handling bug in code running with it becomes an "
    "account takeover.",
    "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}",
    "Grant the actions and resources the workload needs; for people, use an admin role assumed "
    "with MFA rather than a policy attached to a workload.",
};

bool IsFullAdmin(const Statement& st) {
  if (st.effect != Effect::kAllow || st.not_action || !st.conditions.empty()) return false;
  bool star = false;
  for (const auto& a : st.actions) star = star || a == "*";
  return star && AllResources(st);
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : IdentityPoliciesOf(scope)) {
    if (p.boundary_only) continue;  // a boundary caps; it grants nothing
    for (const auto& st : p.doc->statements) {
      // A Deny of everything in the same policy leaves the Allow granting nothing.
      if (!IsFullAdmin(st) || DeniedInSameDocument(*p.doc, st, "*")) continue;
      out.Add(kInfo, p.resource, st.loc,
              "policy " + p.resource + " allows every action on every resource" +
                  (st.sid.empty() ? "" : " (statement \"" + st.sid + "\")"),
              "grant only the actions and resources the workload needs");
    }
  }
  // AWS managed policies are judged where they are attached: to a role, a user or a group.
  auto attached = [&](const char* kind, const std::string& holder,
                      const std::vector<Grant>& grants) {
    for (const auto& g : grants) {
      const Policy& p = scope.policies[static_cast<size_t>(g.policy)];
      if (!p.aws_managed || !p.document.known()) continue;
      for (const auto& st : p.document.value().statements) {
        if (!IsFullAdmin(st)) continue;
        out.Add(kInfo, holder, g.loc,
                std::string(kind) + " " + holder + " has the AWS managed policy " +
                    p.name.value_or(p.display) +
                    " attached, which allows every action on every "
                    "resource",
                "attach a policy with only the actions and resources the " + std::string(kind) +
                    " needs");
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
