// AMP002 app-permissions-on-service-role: application-data permissions sit on the
// Amplify service role, where SSR code never gets them, and the compute role lacks them.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP002",
    .name = "app-permissions-on-service-role",
    .severity = Severity::kError,
    .summary =
        "Application data permissions on the Amplify service role, not granted to the compute role",
    .what =
        "Finds application-data permissions (DynamoDB, S3 outside Amplify's own buckets, Lambda "
        "invoke, SQS, SNS, SES, Secrets Manager, SSM parameters, KMS, Bedrock, RDS Data, AppSync, "
        "API Gateway, Step Functions, EventBridge, Kinesis...) granted to an SSR app's service "
        "role that its effective compute role does not grant. It names the actions, the policy "
        "and the attachment that grants them. Logging, Amplify, CloudFormation and deployment "
        "duties are not application data. When the compute role's permissions are not fully "
        "known, nothing is reported.",
    .why =
        "The service role is assumed by the Amplify service for builds, deploys and logging; the "
        "SSR runtime never receives its credentials. Permissions the app's server code needs must "
        "be on the compute role. Data permissions on the service role do not work at runtime and "
        "widen what every build can do.",
    .example =
        "resource \"aws_iam_role_policy_attachment\" \"app_to_service\" {\n"
        "  role       = aws_iam_role.amplify_service.name   # the service role\n"
        "  policy_arn = aws_iam_policy.app_permissions.arn  # dynamodb:PutItem, s3:GetObject, ...\n"
        "}",
    .fix =
        "Attach the policy to the compute role instead (`role = "
        "aws_iam_role.amplify_compute.name`) and set that role as the app's `compute_role_arn`; "
        "keep only build, deploy and logging permissions on the service role.",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-service-role.html",
        },
};

/// Patterns of one data grant that some effective compute role does not allow.
std::set<std::string> MissingOnCompute(const Scope& scope, const Role& service, const DataGrant& g,
                                       const std::vector<const RoleRef*>& computes, GrantGap* gap) {
  std::set<std::string> missing;
  for (const RoleRef* ref : computes) {
    if (ref->state == RoleRef::State::kAbsent) {
      gap->no_runtime = true;
      missing.insert(g.patterns.begin(), g.patterns.end());
      continue;
    }
    const Role* cr = RoleOf(scope, *ref);
    // Unknown, or a role outside this input: cannot tell, so no finding for it.
    if (cr == nullptr || cr == &service) continue;  // same role: AMP005's concern
    std::set<std::string> refused = PatternsRefusedTo(scope, *cr, g, &gap->boundary);
    missing.insert(refused.begin(), refused.end());
  }
  return missing;
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& app : scope.apps) {
    if (!IsSsr(app)) continue;
    const Role* sr = RoleOf(scope, app.service_role);
    if (sr == nullptr) continue;
    RoleDataAccess access = DataAccessOf(scope, *sr, out.options());
    if (access.grants.empty()) continue;
    std::vector<const RoleRef*> computes = EffectiveComputeRoles(scope, app);
    // One finding per grant (attachment, inline policy...), naming every statement's gap.
    const std::vector<GrantGap> gaps = GapsByGrant(access, [&](const DataGrant& g, GrantGap* gap) {
      return MissingOnCompute(scope, *sr, g, computes, gap);
    });
    const bool some_have_one = std::any_of(computes.begin(), computes.end(), [](const RoleRef* r) {
      return r->state != RoleRef::State::kAbsent;
    });
    for (const GrantGap& gap : gaps) {
      std::string why =
          !gap.no_runtime && !gap.boundary.empty()
              ? "its compute role's permissions boundary " + gap.boundary +
                    " does not allow them, so SSR code cannot use them"
          : !gap.no_runtime ? "its compute role does not grant them, so SSR code cannot use them"
          : some_have_one   ? "some of its branches have no compute role, so their SSR code never "
                              "gets them"
                            : "the app has no compute role, so SSR code never gets them";
      // The resource users recognise: the attachment that grants it, else the role.
      std::string on = gap.resources.empty() ? "" : " on " + JoinLimited(gap.resources, 3);
      Finding& f = out.Add(
          kInfo,
          {.resource = gap.grant->via_resource ? gap.grant->via : sr->display,
           .loc = gap.grant->loc,
           .message = "service role " + sr->display + " of app " + app.display +
                      " grants application data access " + JoinLimited(gap.patterns, 8) + on +
                      " (from " + gap.Where() + "), but " + why,
           .hint = "attach this policy to the app's compute role instead of the service role"});
      for (const Statement* st : gap.statements) {
        f.related.push_back(
            {"statement" + (st->sid.empty() ? "" : " \"" + st->sid + "\"") + " granting it",
             st->loc});
      }
      f.related.push_back({"app " + app.display, app.loc});
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
