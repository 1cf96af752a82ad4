// CBD002 static-credentials-in-build-env: AWS access keys or secrets in a CodeBuild
// project's PLAINTEXT environment variables.
#include <string>

#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "CBD002",
    .name = "static-credentials-in-build-env",
    .severity = Severity::kError,
    .summary = "AWS access keys or secrets in a CodeBuild project's PLAINTEXT variables",
    .what =
        "Finds a build project's `PLAINTEXT` environment variables (the default type of "
        "`environment_variable`, `EnvironmentVariables`, `environmentVariables`) that hold AWS "
        "credentials, found the way AMP004 finds them. `PARAMETER_STORE` and `SECRETS_MANAGER` "
        "variables hold a reference, not the value, and are not reported. The value is never "
        "printed.",
    .why =
        "PLAINTEXT variables are shown to anyone who can read the project (`codebuild:"
        "BatchGetProjects`) and in build logs. The build already runs with its service role's "
        "short-lived credentials; keys in the project make every build run as their user.",
    .example =
        "environment {\n"
        "  environment_variable {\n"
        "    name  = \"AWS_SECRET_ACCESS_KEY\"\n"
        "    value = \"wJalr...\"   # type defaults to PLAINTEXT\n"
        "  }\n"
        "}",
    .fix =
        "Remove the variables and rotate the key. Grant what the build needs to its service "
        "role (or let it assume a role in the target account); keep other secrets as "
        "`PARAMETER_STORE` or `SECRETS_MANAGER` variables.",
    .references =
        {
            "https://docs.aws.amazon.com/codebuild/latest/userguide/"
            "build-env-ref-env-vars.html",
            "https://docs.aws.amazon.com/codebuild/latest/userguide/security-iam.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kCodeBuild)) {
    ReportEnvCredentials(kInfo, w->env, WorkloadLabel(*w), w->display,
                         "remove it, rotate the key, and use PARAMETER_STORE or "
                         "SECRETS_MANAGER for other secrets",
                         out);
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
