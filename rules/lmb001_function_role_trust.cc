// LMB001 function-role-trust: a Lambda function's execution role does not let Lambda
// (lambda.amazonaws.com) assume it.
#include <set>
#include <string>

#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "LMB001",
    .name = "function-role-trust",
    .severity = Severity::kError,
    .summary = "Lambda function's role not assumable by lambda.amazonaws.com",
    .what =
        "Checks the trust policy of every role a Lambda function runs as (`role`, `Role`): some "
        "statement must Allow the service principal `lambda.amazonaws.com` the action "
        "`sts:AssumeRole`, and no Deny that holds for the service may take it away. A role "
        "outside the input or whose trust policy is known only at apply is not reported. A "
        "service's request never carries the multi-factor authentication keys: an Allow that "
        "needs `aws:MultiFactorAuthPresent` or `aws:MultiFactorAuthAge` (an assumable-role "
        "module's MFA default) does not count, and a Deny that holds without them does.",
    .why =
        "Lambda assumes the function's execution role to give the code its credentials. Lambda "
        "checks the trust when the function is created or updated: with a trust policy for "
        "another service (often copied from an ECS task role) the deployment fails with "
        "`InvalidParameterValueException: The role defined for the function cannot be assumed by "
        "Lambda`.",
    .example =
        "resource \"aws_lambda_function\" \"mailer\" {\n"
        "  role = aws_iam_role.mailer.arn   # trusts ecs-tasks.amazonaws.com\n"
        "}",
    .fix =
        "Trust `lambda.amazonaws.com`: a statement with Effect Allow, Principal `{\"Service\": "
        "\"lambda.amazonaws.com\"}` and Action `sts:AssumeRole`.",
    .references =
        {
            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  std::set<int> seen;
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kLambda)) {
    ReportServiceTrust(kInfo, scope, w->runtime_role, RuntimePrincipal(w->platform),
                       "execution role", WorkloadLabel(*w), &seen, out);
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
