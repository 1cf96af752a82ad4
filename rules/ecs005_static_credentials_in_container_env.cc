// ECS005 static-credentials-in-container-env: AWS access keys or secrets in the plain
// `environment` of an ECS task definition's containers.
#include <string>

#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "ECS005",
    .name = "static-credentials-in-container-env",
    .severity = Severity::kError,
    .summary = "AWS access keys or secrets in an ECS container's environment",
    .what =
        "Finds variables of a container's plain `environment` (in `container_definitions`, "
        "`ContainerDefinitions`, `containerDefinitions`) that hold AWS credentials, found the "
        "way AMP004 finds them: access key IDs and secrets anywhere in the value, credential "
        "names (`AWS_SECRET_ACCESS_KEY`, `..._ACCESS_KEY_ID`, `..._SESSION_TOKEN`), values set "
        "from an `aws_iam_access_key`. References and placeholders do not count, and neither do "
        "`secrets` (fetched by reference at start). The value is never printed.",
    .why =
        "A task definition's environment is readable by anyone who can describe task "
        "definitions, and every revision keeps it forever. Long-lived keys also override the "
        "task role: the SDK prefers them, so the code runs as the key's user, not as the role "
        "you audit.",
    .example =
        "container_definitions = jsonencode([{\n"
        "  name = \"api\", image = \"...\",\n"
        "  environment = [{ name = \"AWS_SECRET_ACCESS_KEY\", value = \"wJalr...\" }]\n"
        "}])",
    .fix =
        "Remove the variables, deactivate and delete the access key, and give the task a task "
        "role (`task_role_arn`) with the permissions its code needs. Other secrets go in "
        "`secrets` with `valueFrom` a Secrets Manager secret or SSM parameter.",
    .references =
        {
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
            "specifying-sensitive-data.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kEcs)) {
    for (const Container& c : w->containers) {
      ReportEnvCredentials(kInfo, c.env, "container " + c.name + " of " + WorkloadLabel(*w),
                           w->display, "remove it, rotate the key, and use a task role instead",
                           out);
    }
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
