// AMP002 app-permissions-on-service-role: application-data permissions sit on the
// Amplify service role, where SSR code never gets them, and the compute role lacks them.
#include <set>
#include <string>
#include <vector>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo = {
    "AMP002",
    "app-permissions-on-service-role",
    Severity::kError,
    "Application data permissions on the Amplify service role, not granted to the compute role",
    "Finds application-data permissions (DynamoDB, S3 outside Amplify's own buckets, Lambda "
    "invoke, SQS, SNS, SES, Secrets Manager, SSM parameters, KMS, Bedrock, RDS Data, AppSync, "
    "API Gateway, Step Functions, EventBridge, Kinesis...) granted to an SSR app's service role "
    "that its effective compute role does not grant. It names the actions, the policy and the "
    "attachment that grants them. Logging, Amplify, CloudFormation and deployment duties are "
    "not application data. When the compute role's permissions are not fully known, nothing is "
    "reported.",
    "The service role is assumed by the Amplify service for builds, deploys and logging; the SSR "
    "runtime never receives its credentials. Permissions the app's server code needs must be on "
    "the compute role. Data permissions on the service role do not work at runtime and widen "
    "what every build can do.",
    "resource \"aws_iam_role_policy_attachment\" \"app_to_service\" {\n"
    "  role       = aws_iam_role.amplify_service.name   # the service role\n"
    "  policy_arn = aws_iam_policy.app_permissions.arn  # dynamodb:PutItem, s3:GetObject, ...\n"
    "}",
    "Attach the policy to the compute role instead (`role = aws_iam_role.amplify_compute.name`) "
    "and set that role as the app's `compute_role_arn`; keep only build, deploy and logging "
    "permissions on the service role.",
};

bool IsSsr(const App& app) {
  return app.platform.known() &&
         (app.platform.value() == "WEB_COMPUTE" || app.platform.value() == "WEB_DYNAMIC");
}

/// The distinct effective compute roles of an app (one per branch, or the app's own).
std::vector<const RoleRef*> ComputeRoles(const Scope& scope, const App& app) {
  std::vector<const RoleRef*> out;
  if (app.branches.empty()) {
    out.push_back(&app.compute_role);
  } else {
    for (int bi : app.branches) {
      out.push_back(&EffectiveComputeRole(scope, scope.branches[static_cast<size_t>(bi)]));
    }
  }
  return out;
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& app : scope.apps) {
    if (!IsSsr(app)) continue;
    const Role* sr = RoleOf(scope, app.service_role);
    if (sr == nullptr) continue;
    RoleDataAccess access = DataAccessOf(scope, *sr);
    if (access.grants.empty()) continue;
    std::vector<const RoleRef*> computes = ComputeRoles(scope, app);
    for (const auto& g : access.grants) {
      // Actions this statement grants that some effective compute role does not.
      std::set<std::string> missing_patterns;
      bool cannot_tell = false;
      bool no_compute = false;
      for (const RoleRef* ref : computes) {
        if (ref->state == RoleRef::State::kAbsent) {
          no_compute = true;
          missing_patterns.insert(g.patterns.begin(), g.patterns.end());
          continue;
        }
        const Role* cr = RoleOf(scope, *ref);
        if (cr == nullptr) {
          cannot_tell = true;  // unknown or outside this input
          continue;
        }
        if (cr == sr) continue;  // same role for both: AMP005's concern, data does reach SSR
        for (const auto& pat : g.patterns) {
          for (const auto& a : g.actions) {
            if (!ActionMatches(pat, a) && pat.rfind("NotAction", 0) != 0) continue;
            Tri t = RoleAllows(scope, *cr, a, g.statement->resources);
            if (t == Tri::kNo) missing_patterns.insert(pat);
            if (t == Tri::kUnknown) cannot_tell = true;
          }
        }
      }
      if (missing_patterns.empty()) continue;
      (void)cannot_tell;  // a known gap is reported even if other branches cannot be told
      std::vector<std::string> pats;
      for (const auto& p : g.patterns) {
        if (missing_patterns.count(p) > 0) pats.push_back(p);
      }
      std::string resources = g.statement->resources.empty()
                                  ? std::string()
                                  : " on " + JoinLimited(g.statement->resources, 2);
      std::string where = g.policy->display;
      if (g.grant->via != g.policy->display && g.grant->via != "inline_policy") {
        where += " via " + g.grant->via;
      }
      std::string why = no_compute ? "the app has no compute role, so SSR code never gets them"
                                   : "its compute role does not grant them, so SSR code cannot "
                                     "use them";
      std::string resource = g.grant->via.find('.') != std::string::npos &&
                                     g.grant->via.find(' ') == std::string::npos
                                 ? g.grant->via
                                 : sr->display;
      Finding& f = out.Add(
          kInfo, resource, g.grant->loc,
          "service role " + sr->display + " of app " + app.display + " grants application data "
              "access " + JoinLimited(pats, 6) + resources + " (from " + where + "), but " + why,
          "attach this policy to the app's compute role instead of the service role");
      f.related.push_back({"statement granting it", g.statement->loc});
      f.related.push_back({"app " + app.display, app.loc});
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
