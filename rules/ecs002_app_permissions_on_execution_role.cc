// ECS002 app-permissions-on-execution-role: application-data permissions sit on an ECS task's
// execution role, where the containers' code never gets them, and the task role lacks them.
#include <set>
#include <string>
#include <vector>

#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "ECS002",
    .name = "app-permissions-on-execution-role",
    .severity = Severity::kError,
    .summary =
        "Application data permissions on an ECS task execution role, not granted to the task role",
    .what =
        "Finds application-data permissions (DynamoDB, S3, SQS, SNS, SES, Lambda invoke, "
        "Secrets Manager writes, Kinesis, Step Functions, Bedrock...) granted to an ECS task "
        "definition's execution role that its task role does not get -- decided by the policy "
        "engine over both roles' policies, boundaries and Deny statements, not by comparing "
        "names -- or that no role gets because the task has no task role. It names the actions, "
        "the policy and the attachment. The execution role's own work (pulling images, writing "
        "logs, fetching the task's secrets with `secretsmanager:GetSecretValue`, "
        "`ssm:GetParameters`, `kms:Decrypt`) is not application data. When the task role's "
        "permissions are not fully known, or it is the execution role itself (ECS006), nothing "
        "is reported.",
    .why =
        "The execution role is assumed by the ECS agent to start the task; the containers' code "
        "runs with the task role's credentials only. Permissions put on the execution role -- "
        "the mistake in countless \"SQS permissions on the execution role instead of the task "
        "role\" threads -- fail at runtime with AccessDenied or missing credentials.",
    .example =
        "resource \"aws_iam_role_policy\" \"data\" {\n"
        "  role   = aws_iam_role.execution.id   # the task execution role\n"
        "  policy = data.aws_iam_policy_document.queue.json   # sqs:ReceiveMessage ...\n"
        "}",
    .fix =
        "Move the policy to the task role (create one trusted by `ecs-tasks.amazonaws.com` and "
        "set it as `task_role_arn`); keep the execution role to image, log and secret duties.",
    .references =
        {
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
            "task_execution_IAM_role.html",
        },
};

/// The patterns of one data grant on the execution role the task's code does not get.
std::set<std::string> MissingOnTaskRole(const Scope& scope, const Workload& w, const DataGrant& g,
                                        GrantGap* gap) {
  if (w.runtime_role.state == RoleRef::State::kAbsent) {
    gap->no_runtime = true;
    return {g.patterns.begin(), g.patterns.end()};
  }
  const Role* task = RoleOf(scope, w.runtime_role);
  // Unknown, outside the input, or the same role: cannot tell, or ECS006's concern.
  if (task == nullptr || w.runtime_role.role == w.platform_role.role) return {};
  return PatternsRefusedTo(scope, *task, g, &gap->boundary);
}

void Check(const Scope& scope, Findings& out) {
  const RuleOptions options = WithExecutionRoleDuties(out.options());
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kEcs)) {
    const Role* exec = RoleOf(scope, w->platform_role);
    if (exec == nullptr) continue;
    const RoleDataAccess access = DataAccessOf(scope, *exec, options);
    const std::vector<GrantGap> gaps = GapsByGrant(access, [&](const DataGrant& g, GrantGap* gap) {
      return MissingOnTaskRole(scope, *w, g, gap);
    });
    for (const GrantGap& gap : gaps) {
      const std::string why =
          gap.no_runtime ? "the task has no task role, so its code never gets them"
          : !gap.boundary.empty()
              ? "its task role's permissions boundary " + gap.boundary +
                    " does not allow them, so the code cannot use them"
              : "its task role does not grant them, so the code cannot use them";
      const std::string on = gap.resources.empty() ? "" : " on " + JoinLimited(gap.resources, 3);
      Finding& f = out.Add(
          kInfo, {.resource = gap.grant->via_resource ? gap.grant->via : exec->display,
                  .loc = gap.grant->loc,
                  .message = "execution role " + exec->display + " of " + WorkloadLabel(*w) +
                             " grants application data access " + JoinLimited(gap.patterns, 8) +
                             on + " (from " + gap.Where() + "), but " + why,
                  .hint = "attach this policy to the task role instead of the execution role"});
      for (const Statement* st : gap.statements) {
        f.related.push_back(
            {"statement" + (st->sid.empty() ? "" : " \"" + st->sid + "\"") + " granting it",
             st->loc});
      }
      f.related.push_back({WorkloadLabel(*w), w->loc});
      f.subject = w->display;  // one execution role may serve several tasks
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
