// ECS006 shared-task-execution-role: one role is both the task role and the task execution
// role of an ECS task definition.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "ECS006",
    .name = "shared-task-execution-role",
    .severity = Severity::kWarning,
    .summary = "One role is both an ECS task's task role and its execution role",
    .what =
        "Finds ECS task definitions whose task role and task execution role are the same role: "
        "the same role of the input, or the same known ARN. Unknown ARNs are not compared.",
    .why =
        "The execution role is for the ECS agent: pulling images, writing logs, fetching the "
        "task's secrets. Shared with the task role, the container's code gets all of that too "
        "(every secret the role can read, not only its own), and permissions meant for the code "
        "land on a role every task of the family starts with.",
    .example =
        "resource \"aws_ecs_task_definition\" \"notifier\" {\n"
        "  execution_role_arn = aws_iam_role.ecs.arn\n"
        "  task_role_arn      = aws_iam_role.ecs.arn\n"
        "}",
    .fix =
        "Give the task a role of its own for what its code does, and keep the execution role to "
        "`AmazonECSTaskExecutionRolePolicy` plus the secrets the task definition names.",
    .references =
        {
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
            "task_execution_IAM_role.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
        },
};

bool SameRole(const RoleRef& a, const RoleRef& b) {
  using S = RoleRef::State;
  if (a.state == S::kResolved && b.state == S::kResolved) return a.role == b.role;
  if (a.state == S::kExternal && b.state == S::kExternal) return a.arn == b.arn;
  return false;
}

void Check(const Scope& scope, Findings& out) {
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kEcs)) {
    if (!SameRole(w->runtime_role, w->platform_role)) continue;
    const Role* role = RoleOf(scope, w->runtime_role);
    const std::string name = role != nullptr ? role->display : w->runtime_role.arn;
    Finding& f = out.Add(
        kInfo, {.resource = w->display,
                .loc = w->runtime_role.loc,
                .message = WorkloadLabel(*w) + " uses " + name +
                           " as both task role and execution role: its code gets the ECS agent's "
                           "permissions, and the agent the code's",
                .hint = "give the task a task role of its own"});
    f.related.push_back({"execution role set here", w->platform_role.loc});
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
