// AMP007 app-compute-role-with-previews: an app-wide compute role reaches PR previews and
// auto-created branches.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP007",
    .name = "app-compute-role-with-previews",
    .severity = Severity::kWarning,
    .summary =
        "App-wide compute role is inherited by pull-request previews or auto-created branches",
    .what =
        "Finds apps that set the compute role at app level while pull-request previews or "
        "automatic branch creation are enabled (on the app's auto-branch settings or on a branch).",
    .why =
        "Auto-created and pull-request-preview branches can only inherit the app-level compute "
        "role. Code from any pull request -- from a fork, in a public repository -- then runs "
        "server-side with the production data permissions. AWS advises attaching the compute role "
        "per branch in that case.",
    .example =
        "resource \"aws_amplify_app\" \"web\" {\n"
        "  compute_role_arn            = aws_iam_role.compute.arn\n"
        "  enable_auto_branch_creation = true\n"
        "  auto_branch_creation_config { enable_pull_request_preview = true }\n"
        "}",
    .fix =
        "Remove the app-level compute role and set one per trusted branch (`aws amplify "
        "update-branch --compute-role-arn`, or `compute_role_arn` on `awscc_amplify_branch`), or "
        "give previews a role without production data access.",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/pr-previews.html",
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  for (const auto& app : scope.apps) {
    if (app.compute_role.state == RoleRef::State::kAbsent) continue;
    std::string how;
    if (app.pull_request_previews) {
      how = "pull-request previews are enabled for auto-created branches";
    } else if (app.auto_branch_creation) {
      how = "automatic branch creation is enabled";
    }
    for (int bi : app.branches) {
      const Branch& b = BranchOf(scope, bi);
      if (how.empty() && b.pull_request_preview &&
          b.compute_role.state == RoleRef::State::kAbsent) {
        how = "branch \"" + b.name + "\" builds pull-request previews";
      }
    }
    if (how.empty()) continue;
    out.Add(
        kInfo,
        {.resource = app.display,
         .loc = app.compute_role.loc,
         .message = "app " + app.display + " sets its compute role app-wide while " + how +
                    ", so code from any pull request runs server-side with that role's permissions",
         .hint = "set the compute role per trusted branch instead of app-wide"});
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
