// IAM004 trust-open: a role's trust policy lets anyone, or another account without an
// external ID, assume it.
#include <algorithm>
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo = {
    "IAM004",
    "trust-open",
    Severity::kError,
    "Role trust policy open to everyone, or to another account without sts:ExternalId",
    "Checks role trust policies: an Allow of sts:AssumeRole (or any sts:AssumeRole*) to "
    "Principal `*` / `{\"AWS\": \"*\"}` without conditions is an error; to an AWS account other "
    "than the role's own (when both are known) without an `sts:ExternalId` condition, a warning.",
    "A trust policy open to `*` lets any AWS principal in the world assume the role. Trusting a "
    "third party's account without an external ID exposes the role to the confused-deputy "
    "problem: any of that vendor's customers can make the vendor assume it.",
    "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}",
    "Name the principals that may assume the role; for a third-party account, require "
    "`sts:ExternalId` with the value the vendor gives you.",
};

/// The account in an ARN or a bare 12-digit ID; "" otherwise.
std::string AccountOf(const std::string& id) {
  if (id.size() == 12 && id.find_first_not_of("0123456789") == std::string::npos) return id;
  if (id.rfind("arn:", 0) != 0) return "";
  size_t pos = 0;
  for (int i = 0; i < 4 && pos != std::string::npos; ++i) pos = id.find(':', pos + 1);
  if (pos == std::string::npos) return "";
  size_t end = id.find(':', pos + 1);
  return end == std::string::npos ? "" : id.substr(pos + 1, end - pos - 1);
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& role : scope.roles) {
    if (!role.trust.known()) continue;
    const std::string own = role.arn.known() ? AccountOf(role.arn.value()) : "";
    for (const auto& st : role.trust.value().statements) {
      if (st.effect != Effect::kAllow || st.not_principal || st.unknown_core) continue;
      if (!NamesAction(st, "sts:AssumeRole") && !(st.actions.size() == 1 && st.actions[0] == "*")) {
        continue;
      }
      if (st.principal.any && st.conditions.empty()) {
        out.Add(kInfo, role.display, st.loc,
                "role " + role.display +
                    " can be assumed by anyone: its trust policy allows "
                    "Principal \"*\" without conditions",
                "name the principals that may assume the role");
        continue;
      }
      auto aws = st.principal.ids.find("AWS");
      if (aws == st.principal.ids.end() || own.empty()) continue;
      for (const auto& id : aws->second) {
        std::string acct = AccountOf(id);
        if (acct.empty() || acct == own || HasConditionKey(st, "sts:ExternalId")) continue;
        const auto& trusted = out.options().trusted_accounts;
        if (std::find(trusted.begin(), trusted.end(), acct) != trusted.end()) continue;
        out.Add(kInfo, Severity::kWarning, role.display, st.loc,
                "role " + role.display + " trusts account " + acct +
                    " without an sts:ExternalId condition (confused deputy)",
                "require sts:ExternalId with the value the third party gives you");
      }
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
