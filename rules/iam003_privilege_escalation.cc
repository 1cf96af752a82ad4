// IAM003 privilege-escalation: actions that let the holder grant itself more permissions.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "policy/eval.h"
#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM003",
    .name = "privilege-escalation",
    .severity = Severity::kError,
    .summary = "Policy allows an IAM privilege-escalation path on all resources",
    .what =
        "Finds Allow statements on Resource `*` (without conditions) that name actions a holder "
        "can use to give itself more permissions: iam:PassRole without an iam:PassedToService "
        "condition, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:AttachRolePolicy, "
        "iam:AttachUserPolicy, iam:AttachGroupPolicy, iam:PutRolePolicy, iam:PutUserPolicy, "
        "iam:PutGroupPolicy, iam:UpdateAssumeRolePolicy, iam:CreateAccessKey, "
        "iam:CreateLoginProfile, iam:UpdateLoginProfile, iam:AddUserToGroup -- named or reached "
        "through wildcards such as `iam:*` or `iam:Put*` (a bare `*` is IAM001's). A policy used "
        "only as a permissions boundary grants nothing and is not reported.",
    .why =
        "Each of these turns a limited identity into an administrator: attach AdministratorAccess "
        "to itself, rewrite its own policy, pass a powerful role to a new Lambda function, or "
        "mint keys for another user.",
    .example =
        "{\"Effect\": \"Allow\", \"Action\": [\"iam:PassRole\", \"lambda:CreateFunction\"], "
        "\"Resource\": \"*\"}",
    .fix =
        "Scope the resources to the roles, users or policies the workload manages, and add an "
        "`iam:PassedToService` condition to iam:PassRole.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "best-practices.html#grant-least-privilege",
        },
};

// A resource of the type `action` acts on (a user for iam:CreateAccessKey, a policy for
// iam:CreatePolicyVersion, ...), to ask whether a Deny of the same policy takes the path away:
// "Deny iam:CreateAccessKey on arn:aws:iam::*:user/*" does, though it names no role.
std::string SampleResource(const std::string& action) {
  std::string type = "role";
  if (const ActionInfo* info = FindAction(action); info && !info->resource_types.empty()) {
    type = std::string(info->resource_types.front());
  }
  return "arn:aws:iam::123456789012:" + type + "/any";
}

void Check(const Scope& scope, Findings& out) {
  static const std::vector<std::string> kEscalation = {
      "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:AttachRolePolicy",
      "iam:AttachUserPolicy",    "iam:AttachGroupPolicy",       "iam:PutRolePolicy",
      "iam:PutUserPolicy",       "iam:PutGroupPolicy",          "iam:UpdateAssumeRolePolicy",
      "iam:CreateAccessKey",     "iam:CreateLoginProfile",      "iam:UpdateLoginProfile",
      "iam:AddUserToGroup",
  };
  for (const auto& p : IdentityPoliciesOf(scope)) {
    if (p.boundary_only) continue;       // a boundary caps; it grants nothing
    std::map<std::string, bool> denied;  // action -> an explicit Deny of this policy covers it
    for (const auto& st : p.doc->statements) {
      if (st.effect != Effect::kAllow || !AllResources(st)) continue;
      std::vector<std::string> found;
      if (NamesAction(st, "iam:PassRole") && !HasConditionKey(st, "iam:PassedToService")) {
        found.push_back("iam:PassRole");
      }
      if (st.conditions.empty()) {
        for (const auto& a : kEscalation) {
          if (NamesAction(st, a)) found.push_back(a);
        }
      }
      // An unconditional Deny elsewhere in the same policy can take the path away again.
      // The answer is the document's, not the statement's: asked once per action and policy
      // (asking per statement made a policy of many statements quadratic).
      found.erase(std::remove_if(found.begin(), found.end(),
                                 [&](const std::string& action) {
                                   auto it = denied.find(action);
                                   if (it != denied.end()) return it->second;
                                   EvalPolicies policies;
                                   policies.identity.push_back({p.resource, p.doc});
                                   EvalRequest r;
                                   r.action = action;
                                   r.resource = SampleResource(action);
                                   r.context_complete = false;
                                   const bool d =
                                       Evaluate(policies, r).decision == Decision::kExplicitDeny;
                                   denied.emplace(action, d);
                                   return d;
                                 }),
                  found.end());
      if (found.empty()) continue;
      out.Add(kInfo,
              {.resource = p.resource,
               .loc = st.loc,
               .message = "policy " + p.resource + " allows " + JoinLimited(found, 4) +
                          " on all resources" + StatementLabel(st) + ", a path to more privileges",
               .hint = "limit the resources, and add iam:PassedToService to iam:PassRole"});
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
