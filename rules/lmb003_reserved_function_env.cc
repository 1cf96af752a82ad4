// LMB003 reserved-function-env: a Lambda function sets an environment variable whose name
// Lambda reserves for its runtime.
#include <algorithm>
#include <string>

#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "LMB003",
    .name = "reserved-function-env",
    .severity = Severity::kError,
    .summary = "Lambda function sets an environment variable Lambda reserves",
    .what =
        "Finds a function's environment variables named like those the Lambda runtime sets "
        "itself: `_HANDLER`, `_X_AMZN_TRACE_ID`, `AWS_REGION`, `AWS_DEFAULT_REGION`, "
        "`AWS_EXECUTION_ENV`, `AWS_LAMBDA_FUNCTION_NAME`, `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, "
        "`AWS_LAMBDA_FUNCTION_VERSION`, `AWS_LAMBDA_INITIALIZATION_TYPE`, "
        "`AWS_LAMBDA_LOG_GROUP_NAME`, `AWS_LAMBDA_LOG_STREAM_NAME`, `AWS_ACCESS_KEY`, "
        "`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, "
        "`AWS_LAMBDA_RUNTIME_API`, `LAMBDA_TASK_ROOT`, `LAMBDA_RUNTIME_DIR` (exact names; Lambda "
        "compares them as written). `TZ`, `LANG`, `PATH`, `NODE_OPTIONS` and the like may be set "
        "and are not reported.",
    .why =
        "Lambda refuses the configuration: the deployment fails with "
        "`InvalidParameterValueException: "
        "Lambda was unable to configure your environment variables because the environment "
        "variables you have provided contains reserved keys`. Terraform and CloudFormation "
        "accept it at plan time, so only the apply shows it.",
    .example =
        "resource \"aws_lambda_function\" \"webhook\" {\n"
        "  environment {\n"
        "    variables = { AWS_REGION = \"eu-west-1\" }   # set by Lambda itself\n"
        "  }\n"
        "}",
    .fix =
        "Remove the variable: the runtime sets it. For another region or setting, use a name of "
        "your own (`TARGET_REGION`) and read it in the code.",
    .references =
        {
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
        },
};

bool Reserved(const std::string& name) {
  static const char* const kReserved[] = {
      "_HANDLER",
      "_X_AMZN_TRACE_ID",
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
      "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_NAME",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
      "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE",
      "AWS_LAMBDA_LOG_GROUP_NAME",
      "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_ACCESS_KEY",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_LAMBDA_RUNTIME_API",
      "LAMBDA_TASK_ROOT",
      "LAMBDA_RUNTIME_DIR",
  };
  return std::any_of(std::begin(kReserved), std::end(kReserved),
                     [&](const char* r) { return name == r; });
}

void Check(const Scope& scope, Findings& out) {
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kLambda)) {
    for (const EnvVar& e : w->env) {
      if (!Reserved(e.name)) continue;
      out.Add(kInfo, {.resource = w->display,
                      .loc = e.loc,
                      .message = "environment variable " + e.name + " of " + WorkloadLabel(*w) +
                                 " is reserved by Lambda: the deployment fails",
                      .hint = "remove it; the Lambda runtime sets it"})
          .subject = e.name;
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
