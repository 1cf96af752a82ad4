// AMP008 reserved-env-prefix: environment variable names with Amplify's reserved `AWS` prefix.
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP008",
    .name = "reserved-env-prefix",
    .severity = Severity::kError,
    .summary = "Environment variable name uses Amplify's reserved AWS prefix",
    .what =
        "Finds app, auto-branch and branch environment variables whose names start with `AWS` "
        "(case-insensitive), a prefix Amplify reserves for the variables it provides itself "
        "(`AWS_APP_ID`, `AWS_BRANCH`, `AWS_COMMIT_ID`, ...).",
    .why =
        "Amplify rejects such names, so the deploy fails; and a variable like `AWS_ACCESS_KEY_ID` "
        "would not reach the SSR runtime as AWS SDK credentials anyway -- a compute role does "
        "that.",
    .example =
        "resource \"aws_amplify_branch\" \"main\" {\n"
        "  environment_variables = { AWS_REGION = \"ap-northeast-1\" }\n"
        "}",
    .fix =
        "Rename the variable (e.g. `APP_REGION`). For AWS credentials, do not rename them: remove "
        "them and use a compute role.",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/environment-variables.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  ForEachEnvVar(scope, [&](const EnvVar& e, const std::string& owner, const std::string& resource) {
    if (!AsciiEqualFold(std::string_view(e.name).substr(0, 3), "AWS")) return;
    Finding& f =
        out.Add(kInfo, {.resource = resource,
                        .loc = e.loc,
                        .message = "environment variable " + e.name + " of " + owner +
                                   " starts with the reserved prefix AWS, which Amplify rejects",
                        .hint = "rename it without the AWS prefix"});
    f.subject = e.name;  // a baseline accepts this variable, not whatever sits at its index
  });
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
