// EC2002 role-as-instance-profile: an EC2 instance or launch template names a role where an
// instance profile is expected.
#include <string>

#include "rules/analysis.h"
#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "EC2002",
    .name = "role-as-instance-profile",
    .severity = Severity::kError,
    .summary = "EC2 instance or launch template names an IAM role, not an instance profile",
    .what =
        "Finds EC2 instances and launch templates whose instance profile setting "
        "(`iam_instance_profile`, `iam_instance_profile { arn | name }`, `IamInstanceProfile`) "
        "refers to an IAM role of the input -- its name, ARN or `Ref` -- instead of an instance "
        "profile. An instance profile and its role often share a name; the setting is reported "
        "only when it refers to the role resource itself and no instance profile of the input "
        "has that name or ARN.",
    .why =
        "EC2 takes only instance profiles. Terraform and CloudFormation accept any string at plan "
        "or validation time, so the mistake shows only at apply (`Value (...) for parameter "
        "iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`), or, when a "
        "profile of that name happens to exist elsewhere, the instance silently runs with "
        "another role.",
    .example =
        "resource \"aws_instance\" \"runner\" {\n"
        "  iam_instance_profile = aws_iam_role.runner.name   # a role, not a profile\n"
        "}",
    .fix =
        "Create an instance profile for the role (`aws_iam_instance_profile` with `role = "
        "aws_iam_role.runner.name`, or `AWS::IAM::InstanceProfile`) and name the profile.",
    .references =
        {
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "id_roles_use_switch-role-ec2_instance-profiles.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kEc2)) {
    const ProfileRef& p = w->instance_profile;
    if (p.state != ProfileRef::State::kRole) continue;
    RoleRef as_role;
    as_role.state = RoleRef::State::kResolved;
    as_role.role = p.role;
    const Role* role = RoleOf(scope, as_role);
    const std::string named = role != nullptr ? "IAM role " + role->display : "an IAM role";
    Finding& f = out.Add(
        kInfo, {.resource = w->display,
                .loc = p.loc,
                .message = InstanceProfileField(scope) + " of " + WorkloadLabel(*w) + " names " +
                           named + ", not an instance profile: EC2 refuses it at launch",
                .hint = "create an instance profile for the role and name the profile"});
    if (role != nullptr) f.related.push_back({"the role", role->loc});
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
