// IAM002 allow-not-action: Allow with NotAction or NotResource.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM002",
    .name = "allow-not-action",
    .severity = Severity::kWarning,
    .summary = "Allow statement with NotAction or NotResource grants far more than it names",
    .what =
        "Finds Allow statements that use NotAction or NotResource in the policies the input "
        "defines, except those used only as a permissions boundary (which cap, and grant nothing).",
    .why =
        "`Allow` + `NotAction: iam:*` allows every other action of every service, including those "
        "AWS adds later; `Allow` + `NotResource` allows every resource but the few listed. They "
        "are meant for Deny statements; in an Allow they almost always grant more than intended.",
    .example = "{\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}",
    .fix =
        "List the actions (and resources) to allow; keep NotAction/NotResource for Deny "
        "statements.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_notaction.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_notresource.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : IdentityPoliciesOf(scope)) {
    if (p.boundary_only) continue;  // a boundary caps; it grants nothing
    for (const auto& st : p.doc->statements) {
      if (st.effect != Effect::kAllow || (!st.not_action && !st.not_resource)) continue;
      std::string what = st.not_action ? "NotAction" : "NotResource";
      if (st.not_action && st.not_resource) what = "NotAction and NotResource";
      out.Add(kInfo, {.resource = p.resource,
                      .loc = st.loc,
                      .message = "policy " + p.resource + " has an Allow with " + what +
                                 StatementLabel(st) + ", which allows everything not listed",
                      .hint = "list what to allow explicitly"});
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
