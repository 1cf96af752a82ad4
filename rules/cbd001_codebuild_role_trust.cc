// CBD001 codebuild-role-trust: a CodeBuild project's service role does not let CodeBuild
// (codebuild.amazonaws.com) assume it.
#include <set>
#include <string>

#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "CBD001",
    .name = "codebuild-role-trust",
    .severity = Severity::kError,
    .summary = "CodeBuild project's service role not assumable by codebuild.amazonaws.com",
    .what =
        "Checks the trust policy of every role a CodeBuild project names as its service role "
        "(`service_role`, `ServiceRole`, `serviceRole`): some statement must Allow the service "
        "principal `codebuild.amazonaws.com` the action `sts:AssumeRole`, and no Deny that holds "
        "for the service may take it away. A role outside the input or whose trust policy is "
        "known only at apply is not reported. A service's request never carries the multi-factor "
        "authentication keys: an Allow that needs `aws:MultiFactorAuthPresent` or "
        "`aws:MultiFactorAuthAge` (an assumable-role module's MFA default) does not count, and a "
        "Deny that holds without them does.",
    .why =
        "CodeBuild assumes the service role to run the build with its permissions. A role made "
        "for CodePipeline or another service cannot be assumed by CodeBuild: the project cannot "
        "be created, or every build fails with `CodeBuild is not authorized to perform: "
        "sts:AssumeRole`.",
    .example =
        "resource \"aws_codebuild_project\" \"tests\" {\n"
        "  service_role = aws_iam_role.pipeline.arn   # trusts codepipeline.amazonaws.com\n"
        "}",
    .fix =
        "Give the project a role of its own that trusts `codebuild.amazonaws.com` (Effect Allow, "
        "Principal `{\"Service\": \"codebuild.amazonaws.com\"}`, Action `sts:AssumeRole`).",
    .references =
        {
            "https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  std::set<int> seen;
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kCodeBuild)) {
    ReportServiceTrust(kInfo, scope, w->runtime_role, RuntimePrincipal(w->platform), "service role",
                       WorkloadLabel(*w), &seen, out);
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
