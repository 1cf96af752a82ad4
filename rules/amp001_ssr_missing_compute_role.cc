// AMP001 ssr-missing-compute-role: an SSR app (or branch) without a compute role,
// while its server code evidently needs AWS access.
#include <string>
#include <vector>

#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP001",
    .name = "ssr-missing-compute-role",
    .severity = Severity::kError,
    .summary = "SSR app or branch has no compute role, so its server code gets no AWS credentials",
    .what =
        "Finds Amplify Hosting apps with server-side rendering (platform WEB_COMPUTE, or the "
        "older WEB_DYNAMIC) whose branches have no effective compute role (the branch's own, else "
        "the app's) while there is evidence that the server code calls AWS: application-data "
        "permissions on the app's service role, or AWS credentials in its environment variables. "
        "Without such evidence it reports a note only, since many SSR apps never call AWS. When "
        "the compute role is unknown at plan time, nothing is reported.",
    .why =
        "Only a compute role gives SSR code AWS credentials. The service role is used by the "
        "Amplify service itself (builds, deploys, logging) and never reaches the runtime, so "
        "permissions placed there fail at runtime with `CredentialsProviderError: Could not load "
        "credentials from any providers`, even though pages built at build time look fine.",
    .example =
        "resource \"aws_amplify_app\" \"web\" {\n"
        "  platform             = \"WEB_COMPUTE\"\n"
        "  iam_service_role_arn = aws_iam_role.amplify_service.arn  # holds the DynamoDB policy\n"
        "  # no compute_role_arn\n"
        "}",
    .fix =
        "Create a role that trusts `amplify.amazonaws.com` (sts:AssumeRole), attach the app's "
        "data policy to it, and set it as the compute role: `compute_role_arn` on "
        "`aws_amplify_app` (or `aws amplify update-branch --compute-role-arn ...` for one "
        "branch). Remove the data permissions from the service role.",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-service-role.html",
        },
};

struct Evidence {
  bool found = false;
  bool cannot_tell = false;
  std::string text;
};

Evidence EvidenceFor(const Scope& scope, const App& app, const std::vector<EnvVar>& extra_env,
                     const RuleOptions& options) {
  Evidence ev;
  if (const Role* sr = RoleOf(scope, app.service_role)) {
    RoleDataAccess access = DataAccessOf(scope, *sr, options);
    std::vector<std::string> patterns;
    for (const auto& g : access.grants) {
      patterns.insert(patterns.end(), g.patterns.begin(), g.patterns.end());
    }
    if (!patterns.empty()) {
      ev.found = true;
      ev.text = "its service role " + sr->display + " grants " + JoinLimited(patterns, 4) +
                ", which server code cannot use";
    } else if (!access.complete) {
      ev.cannot_tell = true;
    }
  } else if (app.service_role.state != RoleRef::State::kAbsent) {
    ev.cannot_tell = true;  // a role this input does not describe
  }
  std::vector<std::string> creds = CredentialVariables(app.env);
  for (std::string& name : CredentialVariables(extra_env)) creds.push_back(std::move(name));
  if (!creds.empty()) {
    ev.found = true;
    if (!ev.text.empty()) ev.text += "; ";
    ev.text += "its environment variables hold AWS credentials (" + JoinLimited(creds, 3) +
               "), a sign the server code calls AWS";
  }
  return ev;
}

void Report(const Scope& scope, const App& app, const std::string& resource, const Location& loc,
            const std::string& subject, const std::vector<EnvVar>& extra_env, Findings& out) {
  Evidence ev = EvidenceFor(scope, app, extra_env, out.options());
  const bool dynamic = app.platform.value() == "WEB_DYNAMIC";
  const std::string what =
      dynamic ? subject + " (WEB_DYNAMIC, the older Next.js 11 SSR platform) has no compute role"
              : subject + " (WEB_COMPUTE, server-side rendering) has no compute role";
  const std::string hint =
      dynamic ? "migrate the app to WEB_COMPUTE (Next.js 12+) and set a compute role with the "
                "app's data permissions; the service role's permissions never reach server code"
              : "create a role trusted by amplify.amazonaws.com with the app's data permissions "
                "and set it as " +
                    ComputeRoleField(scope);
  if (ev.found) {
    Finding& f = out.Add(
        kInfo, {.resource = resource,
                .loc = loc,
                .message = what + ", so its server code gets no AWS credentials at runtime, yet " +
                           ev.text,
                .hint = hint});
    if (const Role* sr = RoleOf(scope, app.service_role)) {
      f.related.push_back({"service role " + sr->display, sr->loc});
    }
    return;
  }
  std::string tail = ev.cannot_tell
                         ? "; cannot tell whether its server code calls AWS (the service role's "
                           "permissions are not fully visible in this input)"
                         : "; fine if its server code never calls AWS";
  out.Add(
      kInfo,
      {.resource = resource,
       .loc = loc,
       .message =
           what + ", so server code that calls AWS will fail with CredentialsProviderError" + tail,
       .hint = "if server code calls AWS, set a compute role (" + ComputeRoleField(scope) + ")",
       .severity = Severity::kNote});
}

void Check(const Scope& scope, Findings& out) {
  for (const auto& app : scope.apps) {
    if (!IsSsr(app)) continue;
    const std::string app_name =
        "app " + (app.name.known() && !app.name.value().empty() ? "\"" + app.name.value() + "\""
                                                                : app.display);
    if (app.branches.empty()) {
      if (app.compute_role.state == RoleRef::State::kAbsent) {
        Report(scope, app, app.display, app.loc, "SSR " + app_name, {}, out);
      }
      continue;
    }
    std::vector<const Branch*> missing;
    for (int bi : app.branches) {
      const Branch& b = BranchOf(scope, bi);
      if (EffectiveComputeRole(scope, b).state == RoleRef::State::kAbsent) missing.push_back(&b);
    }
    if (missing.empty()) continue;
    if (missing.size() == app.branches.size()) {
      std::vector<EnvVar> env;
      for (const auto* b : missing) env.insert(env.end(), b->env.begin(), b->env.end());
      Report(scope, app, app.display, app.loc, "SSR " + app_name, env, out);
      continue;
    }
    for (const auto* b : missing) {
      Report(scope, app, b->display, b->loc,
             "branch \"" + b->name + "\" of SSR " + app_name + " (other branches have one)", b->env,
             out);
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
