// AMP005 shared-service-compute-role: one role serves as both service role and compute role.
#include <set>
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP005",
    .name = "shared-service-compute-role",
    .severity = Severity::kWarning,
    .summary = "The same role is the app's service role and a compute role",
    .what =
        "Finds Amplify apps whose service role is also the compute role of the app or of one of "
        "its branches (the same role in the input, or the same known ARN).",
    .why =
        "Not forbidden, but it hands the SSR runtime -- code that handles every web request -- "
        "all the build and deploy rights of the service role, often "
        "`AdministratorAccess-Amplify`, which is admin-equivalent. A request-handling bug becomes "
        "an account compromise.",
    .example =
        "resource \"aws_amplify_app\" \"web\" {\n"
        "  iam_service_role_arn = aws_iam_role.amplify.arn\n"
        "  compute_role_arn     = aws_iam_role.amplify.arn  # same role\n"
        "}",
    .fix =
        "Create a separate compute role with only the permissions the server code needs, trusted "
        "by amplify.amazonaws.com, and keep build and deploy rights on the service role.",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-service-role.html",
        },
};

bool Same(const RoleRef& a, const RoleRef& b) {
  if (a.state == RoleRef::State::kResolved && b.state == RoleRef::State::kResolved) {
    return a.role == b.role;
  }
  bool known_a = a.state == RoleRef::State::kResolved || a.state == RoleRef::State::kExternal;
  bool known_b = b.state == RoleRef::State::kResolved || b.state == RoleRef::State::kExternal;
  return known_a && known_b && !a.arn.empty() && a.arn == b.arn;
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& app : scope.apps) {
    const RoleRef& sr = app.service_role;
    const Role* role = RoleOf(scope, sr);
    std::string name = role != nullptr ? role->display : sr.arn;
    if (Same(sr, app.compute_role)) {
      out.Add(kInfo,
              {.resource = app.display,
               .loc = app.compute_role.loc,
               .message = "app " + app.display + " uses " + name +
                          " as both its service role and its compute role, so SSR code gets the "
                          "service role's build and deploy rights",
               .hint = "use a separate, least-privilege compute role"});
    }
    for (int bi : app.branches) {
      const Branch& b = BranchOf(scope, bi);
      if (b.compute_role.state == RoleRef::State::kAbsent || !Same(sr, b.compute_role)) continue;
      out.Add(
          kInfo,
          {.resource = b.display,
           .loc = b.compute_role.loc,
           .message = "branch " + b.display + " uses the app's service role " + name +
                      " as its compute role, so SSR code gets the service role's build and deploy "
                      "rights",
           .hint = "use a separate, least-privilege compute role"});
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
