// Questions the workload rules (ECS, Lambda, EC2, CodeBuild) ask of the model, answered once
// here: whether a role trusts its platform, which credentials sit in an environment, and what
// a role's policies give it.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "model/model.h"
#include "rules/rule.h"

namespace iamlint {

/// The workloads of a scope on one platform, in input order.
std::vector<const Workload*> WorkloadsOn(const Scope& scope, Workload::Platform platform);

/// How a message names a workload: "ECS task definition aws_ecs_task_definition.api".
std::string WorkloadLabel(const Workload& w);

/// Reports, as rule `info`, a role `ref` resolves to whose trust policy does not let `service`
/// assume it (no trust policy, another service, a Deny...). `kind` names the role's part
/// ("task role", "execution role", "role"), `user` what uses it ("ECS task definition X").
/// Each role is judged once per rule run: `seen` holds the roles already judged. A role that is
/// unknown, outside the input, or whose trust policy is known only at apply is not reported.
void ReportServiceTrust(const RuleInfo& info, const Scope& scope, const RoleRef& ref,
                        const std::string& service, const std::string& kind,
                        const std::string& user, std::set<int>* seen, Findings& out);

/// Reports, as rule `info`, every variable of `env` that holds an AWS credential, on
/// `resource`, the message naming it as a variable of `owner` ("app X", "container api of ECS
/// task definition Y"). The value is never part of what is reported.
void ReportEnvCredentials(const RuleInfo& info, const std::vector<EnvVar>& env,
                          const std::string& owner, const std::string& resource,
                          const std::string& hint, Findings& out);

/// What the ECS agent does with a task execution role besides pulling images and writing
/// logs -- fetching the task's secrets (`secretsmanager:GetSecretValue`, `ssm:GetParameters`,
/// `kms:Decrypt`) -- added to the team's accepted duties: the execution role's data grants, less
/// its own work, are what the code was meant to get.
RuleOptions WithExecutionRoleDuties(const RuleOptions& options);

/// The names of the variables in `env` that hold an AWS credential (a variable whose name is
/// known only at apply: "one set from REFERENCE").
std::vector<std::string> CredentialVariables(const std::vector<EnvVar>& env);

/// Where a user names a workload's instance profile in this scope's input format:
/// `iam_instance_profile` (Terraform), `IamInstanceProfile` (CloudFormation, AWS CLI).
std::string InstanceProfileField(const Scope& scope);

}  // namespace iamlint
