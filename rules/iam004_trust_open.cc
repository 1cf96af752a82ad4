// IAM004 trust-open: a role's trust policy lets anyone, or another account without an
// external ID, assume it.
#include <algorithm>
#include <string>
#include <vector>

#include "core/arn.h"
#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/statement_checks.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "IAM004",
    .name = "trust-open",
    .severity = Severity::kError,
    .summary = "Role trust policy open to everyone, or to another account without sts:ExternalId",
    .what =
        "Checks role trust policies. An error: an Allow whose actions reach sts:AssumeRole, "
        "sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML (through `sts:AssumeRole`, "
        "`sts:*`, `*`, or a NotAction that leaves them out) to Principal `*` / `{\"AWS\": \"*\"}` "
        "when no condition limits who calls, or to every principal but some (NotPrincipal, which "
        "IAM refuses in a trust policy). Conditions that limit the caller are positive tests of "
        "aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceArn, "
        "aws:SourceAccount, aws:SourceIp and the like, or of an identity provider's claims "
        "(`accounts.google.com:aud`, `saml:aud`...); aws:SecureTransport, sts:ExternalId, "
        "aws:PrincipalTag/..., negated operators (StringNotEquals aws:PrincipalOrgID) and "
        "`...IfExists` forms do not. sts:TagSession alone lets nobody in. A warning: trust in an "
        "AWS account other than the role's own (when both are known) without an `sts:ExternalId` "
        "condition.",
    .why =
        "A trust policy open to `*` lets any AWS principal in the world assume the role, and with "
        "sts:AssumeRoleWithWebIdentity anyone holding a token of any identity provider. Trusting "
        "a third party's account without an external ID exposes the role to the confused-deputy "
        "problem: any of that vendor's customers can make the vendor assume it.",
    .example =
        "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"NotAction\": "
        "\"sts:AssumeRoleWithWebIdentity\"}",
    .fix =
        "Name the principals that may assume the role (or limit them with aws:PrincipalOrgID); "
        "for a third-party account, require `sts:ExternalId` with the value the vendor gives you.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_elements_principal.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
        },
};

/// The ways in a statement opens: the assume actions it reaches.
std::vector<std::string> AssumeActions(const Statement& st) {
  std::vector<std::string> out;
  for (const char* a :
       {"sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"}) {
    if (StatementReaches(st, a)) out.emplace_back(a);
  }
  return out;
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& role : scope.roles) {
    if (!role.trust.known()) continue;
    const std::string own(role.arn.known() ? PrincipalAccount(role.arn.value()) : "");
    for (const auto& st : role.trust.value().statements) {
      if (st.effect != Effect::kAllow || st.unknown_core) continue;
      const std::vector<std::string> actions = AssumeActions(st);
      if (actions.empty()) continue;
      if (st.not_principal && st.principal.any) continue;  // everyone but everyone: nobody
      if (st.principal.any || st.not_principal) {
        if (!st.not_principal && NarrowsCaller(st, CallerScope::kTrustPolicy)) continue;
        if (!st.not_principal && st.partially_unknown) continue;  // the narrowing may be unknown
        const bool plain = actions.size() == 1 && actions[0] == "sts:AssumeRole";
        std::string how;
        if (st.not_principal) {
          how = "every principal but those in its NotPrincipal";
        } else if (st.conditions.empty()) {
          how = "Principal \"*\" without conditions";
        } else {
          const std::string loophole = CallerLoophole(st, CallerScope::kTrustPolicy);
          how = "Principal \"*\", and none of its conditions limits who calls" +
                (loophole.empty() ? std::string() : " (" + loophole + ")");
        }
        out.Add(kInfo,
                {.resource = role.display,
                 .loc = st.loc,
                 .message = "role " + role.display + " can be assumed by anyone" +
                            (plain ? std::string() : " (" + JoinLimited(actions, 3) + ")") +
                            ": its trust policy allows " + how,
                 .hint = st.not_principal
                             ? "name the principals in Principal (IAM refuses NotPrincipal in "
                               "a trust policy)"
                             : "name the principals that may assume the role"});
        continue;
      }
      if (!StatementReaches(st, "sts:AssumeRole")) continue;
      auto aws = st.principal.ids.find("AWS");
      if (aws == st.principal.ids.end() || own.empty()) continue;
      for (const auto& id : aws->second) {
        const std::string acct(PrincipalAccount(id));
        if (acct.empty() || acct == own || HasConditionKey(st, "sts:ExternalId")) continue;
        const auto& trusted = out.options().trusted_accounts;
        if (std::find(trusted.begin(), trusted.end(), acct) != trusted.end()) continue;
        out.Add(kInfo, {.resource = role.display,
                        .loc = st.loc,
                        .message = "role " + role.display + " trusts account " + acct +
                                   " without an sts:ExternalId condition (confused deputy)",
                        .hint = "require sts:ExternalId with the value the third party gives you",
                        .severity = Severity::kWarning});
      }
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
