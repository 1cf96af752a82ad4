// LMB002 static-credentials-in-function-env: AWS access keys or secrets in a Lambda
// function's environment variables.
#include <string>

#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "LMB002",
    .name = "static-credentials-in-function-env",
    .severity = Severity::kError,
    .summary = "AWS access keys or secrets in a Lambda function's environment variables",
    .what =
        "Finds a function's environment variables (`environment { variables }`, "
        "`Environment.Variables`) that hold AWS credentials, found the way AMP004 finds them: "
        "access key IDs and secrets anywhere in the value, credential names "
        "(`..._SECRET_ACCESS_KEY`, `..._ACCESS_KEY_ID`, `..._SESSION_TOKEN`), values set from an "
        "`aws_iam_access_key` (also when the plan knows them only at apply). The value is never "
        "printed.",
    .why =
        "Function configuration is readable by anyone with `lambda:GetFunctionConfiguration`, "
        "and long-lived keys never expire. The function already has short-lived credentials "
        "from its execution role; keys in its environment make its code run as someone else.",
    .example =
        "resource \"aws_lambda_function\" \"sync\" {\n"
        "  environment {\n"
        "    variables = { PARTNER_SECRET_KEY = aws_iam_access_key.partner.secret }\n"
        "  }\n"
        "}",
    .fix =
        "Remove the variables, rotate the key, and grant what the code needs to the function's "
        "role; for another account's access, let the role assume a role there. Keep other "
        "secrets in Secrets Manager and read them at runtime.",
    .references =
        {
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kLambda)) {
    ReportEnvCredentials(kInfo, w->env, WorkloadLabel(*w), w->display,
                         "remove it, rotate the key, and grant the function's role instead", out);
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
