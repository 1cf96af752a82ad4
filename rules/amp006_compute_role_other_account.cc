// AMP006 compute-role-other-account: the compute role lives in another AWS account than the app.
#include <algorithm>
#include <string>

#include "core/arn.h"
#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP006",
    .name = "compute-role-other-account",
    .severity = Severity::kWarning,
    .summary = "Compute role is in a different AWS account than the app",
    .what =
        "Compares the account ID in the app's ARN with the account ID in its compute role's ARN "
        "(the app's own, and every branch's). Reports only when both are known.",
    .why =
        "AWS documents compute roles as roles in your own account; a role in another account is "
        "an undocumented set-up (inferred, not documented) that Amplify may refuse, and it often "
        "betrays a copy-pasted ARN from another environment.",
    .example =
        "{\"app\": {\"appArn\": \"arn:aws:amplify:us-east-1:111111111111:apps/d1abc\",\n"
        "         \"computeRoleArn\": \"arn:aws:iam::222222222222:role/web-compute\"}}",
    .fix = "Create the compute role in the app's own account and set that ARN.",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
        },
};

void CheckRef(const App& app, const RoleRef& ref, const std::string& who,
              const std::string& resource, Findings& out) {
  if (!app.arn.known() || ref.arn.empty()) return;
  const std::string app_acct(ArnAccount(app.arn.value()));
  const std::string role_acct(ArnAccount(ref.arn));
  if (app_acct.empty() || role_acct.empty() || app_acct == role_acct) return;
  const auto& trusted = out.options().trusted_accounts;
  if (std::find(trusted.begin(), trusted.end(), role_acct) != trusted.end()) return;
  out.Add(kInfo, {.resource = resource,
                  .loc = ref.loc,
                  .message = who + " uses compute role " + ref.arn + " of account " + role_acct +
                             ", but the app is in account " + app_acct,
                  .hint = "use a compute role in the app's own account"});
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& app : scope.apps) {
    CheckRef(app, app.compute_role, "app " + app.display, app.display, out);
    for (int bi : app.branches) {
      const Branch& b = BranchOf(scope, bi);
      CheckRef(app, b.compute_role, "branch " + b.display, b.display, out);
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
