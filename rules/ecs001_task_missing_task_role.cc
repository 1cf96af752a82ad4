// ECS001 task-missing-task-role: an ECS task definition has no task role while its code
// evidently calls AWS.
#include <string>
#include <vector>

#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "ECS001",
    .name = "task-missing-task-role",
    .severity = Severity::kError,
    .summary = "ECS task definition has no task role, so its code gets no AWS credentials",
    .what =
        "Finds ECS task definitions without a task role (`task_role_arn`, `TaskRoleArn`, "
        "`taskRoleArn`) while there is evidence that the containers' code calls AWS: "
        "application-data permissions (DynamoDB, S3, SQS, SNS, ...) on the task execution role, "
        "or AWS credentials in a container's environment. Fetching the task's secrets "
        "(`secretsmanager:GetSecretValue`, `ssm:GetParameters`, `kms:Decrypt`), pulling images "
        "and writing logs are the execution role's own work and are no such evidence. Without "
        "evidence it reports a note only, since many containers never call AWS. When the task "
        "role is unknown at plan time, nothing is reported.",
    .why =
        "Only the task role gives the containers' code credentials; the execution role is used "
        "by the ECS agent to start the task and never reaches the code. On Fargate the SDK then "
        "fails with `CredentialsProviderError: Could not load credentials from any providers`; "
        "on the EC2 launch type the code silently falls back to the container instance's role, "
        "with whatever that role may do.",
    .example =
        "resource \"aws_ecs_task_definition\" \"worker\" {\n"
        "  execution_role_arn = aws_iam_role.execution.arn   # holds the SQS permissions\n"
        "  # no task_role_arn\n"
        "}",
    .fix =
        "Create a role that trusts `ecs-tasks.amazonaws.com`, give it the permissions the code "
        "needs, and set it as the task role (`task_role_arn`); keep the execution role to "
        "`AmazonECSTaskExecutionRolePolicy` and the task's secrets.",
    .references =
        {
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
            "task_execution_IAM_role.html",
        },
};

/// Why the code seems to call AWS: data permissions on the execution role, keys in the
/// containers' environment. Empty when there is no sign of it.
std::string Evidence(const Scope& scope, const Workload& w, const RuleOptions& options) {
  std::string text;
  if (const Role* exec = RoleOf(scope, w.platform_role)) {
    std::vector<std::string> patterns;
    for (const auto& g : DataAccessOf(scope, *exec, WithExecutionRoleDuties(options)).grants) {
      patterns.insert(patterns.end(), g.patterns.begin(), g.patterns.end());
    }
    if (!patterns.empty()) {
      text = "its execution role " + exec->display + " grants " + JoinLimited(patterns, 4) +
             ", which the containers' code cannot use";
    }
  }
  std::vector<std::string> creds;
  for (const Container& c : w.containers) {
    for (std::string& name : CredentialVariables(c.env)) creds.push_back(std::move(name));
  }
  if (!creds.empty()) {
    if (!text.empty()) text += "; ";
    text += "its containers' environment holds AWS credentials (" + JoinLimited(creds, 3) +
            "), a sign the code calls AWS";
  }
  return text;
}

void Check(const Scope& scope, Findings& out) {
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kEcs)) {
    if (w->runtime_role.state != RoleRef::State::kAbsent) continue;
    const std::string evidence = Evidence(scope, *w, out.options());
    const std::string what = WorkloadLabel(*w) + " has no task role";
    const std::string hint =
        "create a role trusted by ecs-tasks.amazonaws.com with the code's permissions and set "
        "it as the task role";
    if (!evidence.empty()) {
      Finding& f = out.Add(kInfo, {.resource = w->display,
                                   .loc = w->loc,
                                   .message = what +
                                              ", so its containers' code gets no AWS "
                                              "credentials of its own, yet " +
                                              evidence,
                                   .hint = hint});
      if (const Role* exec = RoleOf(scope, w->platform_role)) {
        f.related.push_back({"execution role " + exec->display, exec->loc});
      }
      continue;
    }
    out.Add(kInfo,
            {.resource = w->display,
             .loc = w->loc,
             .message = what + "; fine if its containers never call AWS (on Fargate the SDK "
                               "finds no credentials; on EC2 it falls back to the instance's "
                               "role)",
             .hint = hint,
             .severity = Severity::kNote});
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
