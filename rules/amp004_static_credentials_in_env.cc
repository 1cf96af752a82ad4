// AMP004 static-credentials-in-env: AWS access keys or secrets in Amplify environment variables.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "AMP004",
    .name = "static-credentials-in-env",
    .severity = Severity::kError,
    .summary = "AWS access keys or secrets stored in Amplify environment variables",
    .what =
        "Finds app, auto-branch and branch environment variables that hold AWS credentials. In "
        "the value, wherever it sits (alone, after a newline, as `KEY:SECRET`, in a URL such as "
        "`https://AKIA...:SECRET@host`, in a JSON blob, percent- or JSON-escaped): access key IDs "
        "(`AKIA`/`ASIA` and 16 upper-case letters or digits, not glued to other letters or "
        "digits), and 40-character secrets (mixed-case base64) beside a key ID or under a name "
        "that says secret. In the name, case and separators ignored and at any position: "
        "`SECRET_ACCESS_KEY`, `ACCESS_KEY_ID`, `SESSION_TOKEN` (`IAM_ACCESS_KEY_ID`, "
        "`MY_AWS_SECRET_ACCESS_KEY`, `DEPLOY_SECRET_ACCESS_KEY_PROD`, `awsSessionToken`...), "
        "unless the value is empty, too short to be a credential, or a reference or placeholder "
        "(`${AWS_SECRET_ACCESS_KEY}`, `$VAR`, `{{resolve:...}}`, `<your key>`, the ARN of a "
        "secret). In a Terraform plan, a value unknown until apply that is set from an IAM access "
        "key (`aws_iam_access_key.NAME.id`, `.secret`, `.ses_smtp_password_v4`). AWS's documented "
        "example keys (the ones ending in `EXAMPLE`) count like real ones: they stand for one in "
        "the tutorials that get copied. Placeholder key IDs such as `AKIAXXXXXXXXXXXXXXXX` do "
        "not. The value is never printed; a finding is keyed by the variable's name in baselines.",
    .why =
        "Environment variables are readable by anyone with access to the app's settings or "
        "deployment artifacts, long-lived keys never expire, and AWS advises against storing "
        "credentials there. SSR code should get short-lived credentials from a compute role.",
    .example =
        "resource \"aws_amplify_app\" \"web\" {\n"
        "  environment_variables = {\n"
        "    IAM_ACCESS_KEY_ID     = \"AKIA...\"\n"
        "    IAM_SECRET_ACCESS_KEY = aws_iam_access_key.deploy.secret\n"
        "    DATABASE_URL          = \"https://AKIA...:...@db.example.com\"\n"
        "  }\n"
        "}",
    .fix =
        "Remove the variables, deactivate and delete the access key in IAM, and give the app a "
        "compute role with the permissions its server code needs. Keep static keys only on "
        "developer machines.",
    .references =
        {
            "https://docs.aws.amazon.com/amplify/latest/userguide/amplify-SSR-compute-role.html",
            "https://docs.aws.amazon.com/amplify/latest/userguide/environment-variables.html",
            "https://docs.aws.amazon.com/wellarchitected/latest/framework/"
            "sec_identities_unique.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  ForEachEnvVar(scope, [&](const EnvVar& e, const std::string& owner, const std::string& resource) {
    ReportEnvCredentials(kInfo, {e}, owner, resource,
                         "remove it, rotate the key, and use a compute role instead", out);
  });
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
