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

/// Patterns of one data grant that some effective compute role does not allow.
std::set<std::string> MissingOnCompute(const Scope& scope, const Role& service, const DataGrant& g,
                                       const std::vector<const RoleRef*>& computes,
                                       bool* no_compute, std::string* boundary) {
  std::set<std::string> missing;
  for (const RoleRef* ref : computes) {
    if (ref->state == RoleRef::State::kAbsent) {
      *no_compute = true;
      missing.insert(g.patterns.begin(), g.patterns.end());
      continue;
    }
    const Role* cr = RoleOf(scope, *ref);
    // Unknown, or a role outside this input: cannot tell, so no finding for it.
    if (cr == nullptr || cr == &service) continue;  // same role: AMP005's concern
    for (const auto& pat : g.patterns) {
      const bool not_action = pat.rfind("NotAction", 0) == 0;
      for (const auto& a : g.actions) {
        if (!not_action && !ActionMatches(pat, a)) continue;
        bool by_boundary = false;
        if (RoleAllows(scope, *cr, a, g.statement->resources, &by_boundary) == Tri::kNo) {
          missing.insert(pat);
          if (by_boundary && boundary->empty()) {
            *boundary = scope.policies[static_cast<size_t>(cr->boundary.policy)].display;
          }
        }
      }
    }
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
    std::vector<const Grant*> order;
    for (const auto& g : access.grants) {
      if (std::find(order.begin(), order.end(), g.grant) == order.end()) order.push_back(g.grant);
    }
    for (const Grant* grant : order) {
      std::vector<std::string> pats;
      std::vector<std::string> resources;
      std::vector<const Statement*> statements;
      const Policy* policy = nullptr;
      bool no_compute = false;
      std::string boundary;  // the compute role's boundary, when it is what refuses them
      for (const auto& g : access.grants) {
        if (g.grant != grant) continue;
        policy = g.policy;
        std::set<std::string> missing =
            MissingOnCompute(scope, *sr, g, computes, &no_compute, &boundary);
        bool any = false;
        for (const auto& p : g.patterns) {
          if (missing.count(p) == 0) continue;
          any = true;
          if (std::find(pats.begin(), pats.end(), p) == pats.end()) pats.push_back(p);
        }
        if (!any) continue;
        statements.push_back(g.statement);
        for (const auto& r : g.statement->resources) {
          if (std::find(resources.begin(), resources.end(), r) == resources.end()) {
            resources.push_back(r);
          }
        }
      }
      if (pats.empty()) continue;
      std::string where = policy->display;
      if (grant->via != policy->display && grant->via != "inline_policy") {
        where += " via " + grant->via;
      }
      const bool some_have_one =
          std::any_of(computes.begin(), computes.end(),
                      [](const RoleRef* r) { return r->state != RoleRef::State::kAbsent; });
      std::string why =
          !no_compute && !boundary.empty() ? "its compute role's permissions boundary " + boundary +
                                                 " does not allow them, so SSR code cannot use them"
          : !no_compute   ? "its compute role does not grant them, so SSR code cannot use them"
          : some_have_one ? "some of its branches have no compute role, so their SSR code never "
                            "gets them"
                          : "the app has no compute role, so SSR code never gets them";
      // The resource users recognise: the attachment that grants it, else the role.
      std::string on = resources.empty() ? "" : " on " + JoinLimited(resources, 3);
      Finding& f =
          out.Add(kInfo, grant->via_resource ? grant->via : sr->display, grant->loc,
                  "service role " + sr->display + " of app " + app.display +
                      " grants application data access " + JoinLimited(pats, 8) + on + " (from " +
                      where + "), but " + why,
                  "attach this policy to the app's compute role instead of the service role");
      for (const Statement* st : statements) {
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
