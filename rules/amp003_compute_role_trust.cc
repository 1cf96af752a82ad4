// AMP003 compute-role-trust: the compute role's trust policy does not let Amplify assume it.
#include <set>
#include <string>
#include <vector>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP003",
    .name = "compute-role-trust",
    .severity = Severity::kError,
    .summary = "Compute role's trust policy does not let amplify.amazonaws.com assume it",
    .what =
        "Checks the trust policy (assume-role policy) of every role used as an Amplify compute "
        "role: some statement must Allow the service principal `amplify.amazonaws.com` the action "
        "`sts:AssumeRole`, and no Deny that holds for the service may take it away. Conditions on "
        "`aws:SourceAccount` or `aws:SourceArn` are good practice and accepted. A trust policy "
        "that is unknown at plan time is not reported. A service's request never carries the "
        "multi-factor authentication keys: an Allow that needs `aws:MultiFactorAuthPresent` or "
        "`aws:MultiFactorAuthAge` (an assumable-role module's MFA default) does not count, and a "
        "Deny that holds without them does.",
    .why =
        "Amplify assumes the compute role to hand its credentials to the SSR runtime. With a "
        "wrong trust policy (another service, a missing statement, a Deny, NotPrincipal) Amplify "
        "refuses the role or the runtime gets no credentials.",
    .example =
        "data \"aws_iam_policy_document\" \"compute_trust\" {\n"
        "  statement {\n"
        "    actions = [\"sts:AssumeRole\"]\n"
        "    principals { type = \"Service\", identifiers = [\"lambda.amazonaws.com\"] }\n"
        "  }\n"
        "}",
    .fix =
        "Trust `amplify.amazonaws.com`: a statement with Effect Allow, Principal `{\"Service\": "
        "\"amplify.amazonaws.com\"}` and Action `sts:AssumeRole` (optionally with an "
        "`aws:SourceArn` condition naming the app).",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  std::set<int> seen;
  auto check_ref = [&](const RoleRef& ref, const std::string& user) {
    const Role* role = RoleOf(scope, ref);
    if (role == nullptr || !seen.insert(ref.role).second) return;
    if (role->trust.unknown()) return;
    std::vector<std::string> trusted;
    if (role->trust.absent()) {
      out.Add(kInfo, {.resource = role->display,
                      .loc = role->loc,
                      .message = "compute role " + role->display + " of " + user +
                                 " has no trust policy, so Amplify cannot assume it",
                      .hint = "add a trust policy allowing amplify.amazonaws.com sts:AssumeRole"});
      return;
    }
    std::vector<std::string> never_met;
    Tri t = TrustAllowsService(role->trust.value(), "amplify.amazonaws.com", &trusted, &never_met);
    if (t != Tri::kNo) return;
    const std::string detail = TrustRefusal("amplify.amazonaws.com", trusted, never_met);
    Finding& f = out.Add(
        kInfo, {.resource = role->display,
                .loc = role->trust.value().loc,
                .message = "compute role " + role->display + " of " + user +
                           " cannot be assumed by Amplify: " + detail,
                .hint = "trust the service principal amplify.amazonaws.com for sts:AssumeRole"});
    f.related.push_back({"the role", role->loc});
  };
  for (const auto& app : scope.apps) check_ref(app.compute_role, "app " + app.display);
  for (const auto& b : scope.branches) check_ref(b.compute_role, "branch " + b.display);
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
