// IAM002 allow-not-action: Allow with NotAction or NotResource.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo = {
    "IAM002",
    "allow-not-action",
    Severity::kWarning,
    "Allow statement with NotAction or NotResource grants far more than it names",
    "Finds Allow statements that use NotAction or NotResource in the policies the input "
    "defines, except those used only as a permissions boundary (which cap, and grant nothing).",
    "`Allow` + `NotAction: iam:*` allows every other action of every service, including those "
    "AWS adds later; `Allow` + `NotResource` allows every resource but the few listed. They are "
    "meant for Deny statements; in an Allow they almost always grant more than intended.",
    "{\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\"}",
    "List the actions (and resources) to allow; keep NotAction/NotResource for Deny statements.",
};

void Check(const Scope& scope, Findings& out) {
  for (const auto& p : IdentityPoliciesOf(scope)) {
    if (p.boundary_only) continue;  // a boundary caps; it grants nothing
    for (const auto& st : p.doc->statements) {
      if (st.effect != Effect::kAllow || (!st.not_action && !st.not_resource)) continue;
      std::string what = st.not_action ? "NotAction" : "NotResource";
      if (st.not_action && st.not_resource) what = "NotAction and NotResource";
      out.Add(kInfo, p.resource, st.loc,
              "policy " + p.resource + " has an Allow with " + what +
                  (st.sid.empty() ? "" : " (statement \"" + st.sid + "\")") +
                  ", which allows everything not listed",
              "list what to allow explicitly");
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
