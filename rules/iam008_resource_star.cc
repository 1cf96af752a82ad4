// IAM008 resource-star: Resource "*" for actions that can be scoped to resources.
#include <algorithm>
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM008",
    .name = "resource-star",
    .severity = Severity::kWarning,
    .summary = "Resource \"*\" on actions that support resource-level permissions",
    .what =
        "Finds Allow statements without conditions whose Resource is only `*` (or a pattern as "
        "wide, such as `arn:*` or `arn:aws:*:*:*:*`) and whose actions (named exactly, or by "
        "wildcards) include Write, Permissions-management or Tagging actions that accept specific "
        "resource ARNs, per the bundled service authorization reference. Actions that only work "
        "with `Resource \"*\"` (such as s3:ListAllMyBuckets) are not reported, nor are Read and "
        "List actions, to keep account audits readable; nor is an action an unconditional Deny in "
        "the same policy takes away again, nor a policy used only as a permissions boundary.",
    .why =
        "`Resource: \"*\"` extends the statement to every table, bucket, queue or key in the "
        "account, present and future, when the workload needs a few.",
    .example =
        "{\"Effect\": \"Allow\", \"Action\": [\"dynamodb:PutItem\", \"s3:ListAllMyBuckets\"], "
        "\"Resource\": \"*\"}",
    .fix =
        "List the ARNs (with wildcards where needed, e.g. `table/my-app-*`); keep actions that "
        "only take `*` in a statement of their own.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_resource.html",
            "https://docs.aws.amazon.com/service-authorization/latest/reference/"
            "reference_policies_actions-resources-contextkeys.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : IdentityPoliciesOf(scope)) {
    if (p.boundary_only) continue;  // a boundary caps; it grants nothing
    for (const auto& st : p.doc->statements) {
      if (st.effect != Effect::kAllow || st.not_action || st.unknown_core ||
          !st.conditions.empty() || st.resources.size() != 1 || !AllResources(st)) {
        continue;
      }
      std::vector<std::string> scopable;
      for (const auto& a : st.actions) {
        if (a == "*") continue;  // IAM001's
        bool any = false;
        auto mutating_and_scopable = [](const ActionInfo* info) {
          return !info->resource_types.empty() &&
                 (info->access_level.find("Write") != std::string_view::npos ||
                  info->access_level.find("Permissions") != std::string_view::npos ||
                  info->access_level.find("Tagging") != std::string_view::npos);
        };
        if (a.find_first_of("*?") != std::string::npos) {
          for (const ActionInfo* info : MatchActions(a)) any = any || mutating_and_scopable(info);
        } else if (const ActionInfo* info = FindAction(a)) {
          any = mutating_and_scopable(info);
        }
        // Listed twice, or denied again in the same policy: report it once, or not at all.
        if (!any || std::find(scopable.begin(), scopable.end(), a) != scopable.end() ||
            DeniedInSameDocument(*p.doc, st, a)) {
          continue;
        }
        scopable.push_back(a);
      }
      if (scopable.empty()) continue;
      out.Add(kInfo,
              {.resource = p.resource,
               .loc = st.loc,
               .message = "policy " + p.resource + " allows " + JoinLimited(scopable, 5) +
                          " on Resource \"" + st.resources.front() + "\"" + StatementLabel(st) +
                          ", though they can be limited to specific resources",
               .hint = "list the resource ARNs the workload uses"});
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
