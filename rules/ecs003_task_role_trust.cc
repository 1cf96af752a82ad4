// ECS003 task-role-trust: an ECS task definition's task role or execution role does not let
// ECS tasks (ecs-tasks.amazonaws.com) assume it.
#include <set>
#include <string>

#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "ECS003",
    .name = "task-role-trust",
    .severity = Severity::kError,
    .summary = "ECS task role or execution role not assumable by ecs-tasks.amazonaws.com",
    .what =
        "Checks the trust policy of every role an ECS task definition names as its task role "
        "(`task_role_arn`, `TaskRoleArn`, `taskRoleArn`) or task execution role "
        "(`execution_role_arn`, `ExecutionRoleArn`, `executionRoleArn`): some statement must "
        "Allow the service principal `ecs-tasks.amazonaws.com` the action `sts:AssumeRole`, and "
        "no Deny that holds for the service may take it away. `ecs.amazonaws.com` (the ECS "
        "service itself) is a different principal and does not count. Conditions on "
        "`aws:SourceAccount` or `aws:SourceArn` are accepted. A role outside the input or whose "
        "trust policy is known only at apply is not reported. A service's request never carries "
        "the multi-factor authentication keys: an Allow that needs `aws:MultiFactorAuthPresent` "
        "or `aws:MultiFactorAuthAge` (an assumable-role module's MFA default) does not count, and "
        "a Deny that holds without them does.",
    .why =
        "ECS tasks get credentials by assuming these roles as `ecs-tasks.amazonaws.com`. With a "
        "trust policy for another principal, the task fails to start (execution role) or its code "
        "gets no credentials (task role), and the SDK fails at runtime.",
    .example =
        "resource \"aws_iam_role\" \"task\" {\n"
        "  assume_role_policy = jsonencode({\n"
        "    Version = \"2012-10-17\"\n"
        "    Statement = [{ Effect = \"Allow\", Action = \"sts:AssumeRole\",\n"
        "                   Principal = { Service = \"ecs.amazonaws.com\" } }]\n"
        "  })\n"
        "}",
    .fix =
        "Trust `ecs-tasks.amazonaws.com`: a statement with Effect Allow, Principal `{\"Service\": "
        "\"ecs-tasks.amazonaws.com\"}` and Action `sts:AssumeRole` (optionally with an "
        "`aws:SourceArn` condition on `arn:aws:ecs:REGION:ACCOUNT:*`).",
    .references =
        {
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
            "task_execution_IAM_role.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  std::set<int> seen;
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kEcs)) {
    const std::string service = RuntimePrincipal(w->platform);
    ReportServiceTrust(kInfo, scope, w->runtime_role, service, "task role", WorkloadLabel(*w),
                       &seen, out);
    ReportServiceTrust(kInfo, scope, w->platform_role, service, "execution role", WorkloadLabel(*w),
                       &seen, out);
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
