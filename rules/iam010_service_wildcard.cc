// IAM010 service-wildcard: every action of a service (`s3:*`).
#include <algorithm>
#include <string>
#include <vector>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM010",
    .name = "service-wildcard",
    .severity = Severity::kWarning,
    .summary = "Allow of every action of a service (`service:*`)",
    .what =
        "Finds Allow statements naming `service:*` (every action of a service, including its "
        "permission-management and delete actions and those AWS adds later) in the policies the "
        "input defines, unless an unconditional Deny of it in the same policy takes it away "
        "again. A policy used only as a permissions boundary grants nothing and is not reported.",
    .why =
        "`dynamodb:*` includes DeleteTable and UpdateTable; `s3:*` includes PutBucketPolicy and "
        "DeleteBucket; `iam:*` is account takeover. Workloads need a handful of actions.",
    .example =
        "{\"Effect\": \"Allow\", \"Action\": \"dynamodb:*\", \"Resource\": "
        "\"arn:aws:dynamodb:us-east-1:123456789012:table/orders\"}",
    .fix =
        "List the actions the workload calls (e.g. dynamodb:GetItem, dynamodb:PutItem, "
        "dynamodb:Query).",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_action.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "best-practices.html#grant-least-privilege",
        },
};

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : IdentityPoliciesOf(scope)) {
    if (p.boundary_only) continue;  // a boundary caps; it grants nothing
    for (const auto& st : p.doc->statements) {
      if (st.effect != Effect::kAllow || st.not_action || st.unknown_core) continue;
      std::vector<std::string> wild;
      for (const auto& a : st.actions) {
        if (a.size() < 3 || a.compare(a.size() - 2, 2, ":*") != 0) continue;
        // Denied again in the same policy (Allow iam:* and Deny iam:*): nothing is granted.
        if (DeniedInSameDocument(*p.doc, st, a)) continue;
        if (std::find(wild.begin(), wild.end(), a) == wild.end()) wild.push_back(a);
      }
      if (wild.empty()) continue;
      out.Add(kInfo, {.resource = p.resource,
                      .loc = st.loc,
                      .message = "policy " + p.resource + " allows every action of " +
                                 JoinLimited(wild, 4) + StatementLabel(st),
                      .hint = "list the actions the workload needs"});
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
