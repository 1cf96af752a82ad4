// AMP004 static-credentials-in-env: AWS access keys or secrets in Amplify environment variables.
#include <string>
#include <vector>

#include "rules/analysis.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kInfo = {
    "AMP004",
    "static-credentials-in-env",
    Severity::kError,
    "AWS access keys or secrets stored in Amplify environment variables",
    "Finds app, auto-branch and branch environment variables that hold AWS credentials: values "
    "shaped like an access key ID (`AKIA`/`ASIA` + 16 characters), or names like "
    "`*ACCESS_KEY_ID`, `*SECRET_ACCESS_KEY`, `*SESSION_TOKEN` however they are prefixed to dodge "
    "Amplify's reserved `AWS` prefix (`IAM_ACCESS_KEY_ID`, `MY_AWS_SECRET_ACCESS_KEY`...). The "
    "value is never printed.",
    "Environment variables are readable by anyone with access to the app's settings or "
    "deployment artifacts, long-lived keys never expire, and AWS advises against storing "
    "credentials there. SSR code should get short-lived credentials from a compute role.",
    "resource \"aws_amplify_app\" \"web\" {\n"
    "  environment_variables = {\n"
    "    IAM_ACCESS_KEY_ID     = \"AKIA...\"\n"
    "    IAM_SECRET_ACCESS_KEY = \"...\"\n"
    "  }\n"
    "}",
    "Remove the variables, deactivate and delete the access key in IAM, and give the app a "
    "compute role with the permissions its server code needs. Keep static keys only on "
    "developer machines.",
};

void Check(const Scope& scope, Findings& out) {
  ForEachEnvVar(scope, [&](const EnvVar& e, const std::string& owner, const std::string& resource) {
    CredentialKind k = CredentialInEnv(e);
    if (k == CredentialKind::kNone) return;
    out.Add(kInfo, resource, e.loc,
            "environment variable " + e.name + " of " + owner + " holds " + CredentialKindName(k) +
                " (value not shown)",
            "remove it, rotate the key, and use a compute role instead");
  });
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
