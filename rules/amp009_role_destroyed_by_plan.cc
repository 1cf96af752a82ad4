// AMP009 role-destroyed-by-plan: an app or branch still names a role that the plan destroys.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP009",
    .name = "role-destroyed-by-plan",
    .severity = Severity::kError,
    .summary = "App or branch still names a role that this plan destroys",
    .what =
        "Looks at the roles a Terraform plan deletes without re-creating them (actions "
        "[\"delete\"]), and reports every Amplify app or branch whose compute role or service "
        "role ARN still names one of them after apply (typically a constant ARN left behind when "
        "the role's resource block was removed or moved to another configuration without a "
        "`moved`/`import` block).",
    .why =
        "After apply the ARN points at nothing. A missing compute role brings back the story's "
        "failure: the SSR server has no credentials and every AWS SDK call fails with "
        "CredentialsProviderError; a missing service role breaks builds and deployments. The plan "
        "shows only a harmless-looking \"destroy\" of a role, which reviewers approve.",
    .example =
        "# the role's block was deleted, the app keeps its ARN as a constant\n"
        "resource \"aws_amplify_app\" \"web\" {\n"
        "  platform         = \"WEB_COMPUTE\"\n"
        "  compute_role_arn = \"arn:aws:iam::123456789012:role/my-app-dev-amplify-compute-role\"\n"
        "}\n"
        "# plan: aws_iam_role.amplify_compute_role will be destroyed",
    .fix =
        "Keep the role: restore its resource block, or, if another configuration now manages it, "
        "remove it from this state with a `removed { lifecycle { destroy = false } }` block (or "
        "`terraform state rm`) instead of destroying it. Otherwise point the app at a role that "
        "exists.",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-service-role.html",
        },
};

void CheckRef(const Scope& scope, const RoleRef& ref, const char* what, const std::string& who,
              Findings& out) {
  if (ref.destroyed < 0) return;
  const Destroyed& d = scope.destroyed[static_cast<size_t>(ref.destroyed)];
  Finding& f = out.Add(
      kInfo,
      {.resource = who,
       .loc = ref.loc,
       .message = who + " names " + what + " " + ref.arn + ", which this plan destroys (" +
                  d.display + "): after apply the " + what + " no longer exists" +
                  (std::string(what) == "compute role"
                       ? "; server-side code gets no credentials (CredentialsProviderError)"
                       : "; builds and deployments fail"),
       .hint =
           "keep the role (restore its block, or use a `removed` block with destroy = false) or "
           "point the app at an existing role"});
  f.related.push_back({"destroyed here", d.loc});
}

void Check(const Scope& scope, Findings& out) {
  if (scope.destroyed.empty()) return;
  for (const auto& app : scope.apps) {
    CheckRef(scope, app.compute_role, "compute role", app.display, out);
    CheckRef(scope, app.service_role, "service role", app.display, out);
  }
  for (const auto& b : scope.branches)
    CheckRef(scope, b.compute_role, "compute role", b.display, out);
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
