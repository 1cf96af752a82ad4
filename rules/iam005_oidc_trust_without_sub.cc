// IAM005 oidc-trust-without-sub: GitHub Actions (OIDC) trust without a `sub` condition.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo = {
    "IAM005",
    "oidc-trust-without-sub",
    Severity::kError,
    "Role trusts GitHub Actions OIDC without restricting the repository (`sub`)",
    "Finds trust statements that allow sts:AssumeRoleWithWebIdentity to the GitHub Actions OIDC "
    "provider (`token.actions.githubusercontent.com`) without a condition on "
    "`token.actions.githubusercontent.com:sub`.",
    "Without a `sub` condition, a workflow in ANY GitHub repository -- anyone's -- can request a "
    "token for your provider and assume the role. The `aud` condition alone does not help: it is "
    "the same for everyone.",
    "{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": "
    "\"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com\"},\n"
    " \"Action\": \"sts:AssumeRoleWithWebIdentity\",\n"
    " \"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": "
    "\"sts.amazonaws.com\"}}}",
    "Add `StringLike` (or `StringEquals`) on `token.actions.githubusercontent.com:sub`, e.g. "
    "`repo:my-org/my-repo:ref:refs/heads/main` or `repo:my-org/my-repo:environment:prod`.",
};

void Check(const Scope& scope, Findings& out) {
  const std::string host = "token.actions.githubusercontent.com";
  for (const auto& role : scope.roles) {
    if (!role.trust.known()) continue;
    for (const auto& st : role.trust.value().statements) {
      if (st.effect != Effect::kAllow || st.unknown_core) continue;
      auto fed = st.principal.ids.find("Federated");
      if (fed == st.principal.ids.end()) continue;
      bool github = false;
      for (const auto& id : fed->second) github = github || id.find(host) != std::string::npos;
      if (!github || HasConditionKey(st, host + ":sub")) continue;
      if (st.partially_unknown) continue;  // the missing condition may be unknown, not absent
      out.Add(kInfo, role.display, st.loc,
              "role " + role.display + " trusts GitHub Actions OIDC without a condition on " +
                  host + ":sub, so a workflow in any repository can assume it",
              "restrict token.actions.githubusercontent.com:sub to your repository");
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
