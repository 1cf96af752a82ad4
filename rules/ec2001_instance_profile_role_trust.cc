// EC2001 instance-profile-role-trust: the role of an EC2 instance profile does not let EC2
// (ec2.amazonaws.com) assume it.
#include <set>
#include <string>

#include "rules/rule.h"
#include "rules/workloads.h"

namespace iamlint {
namespace {

const RuleInfo kInfo{
    .id = "EC2001",
    .name = "instance-profile-role-trust",
    .severity = Severity::kError,
    .summary = "Instance profile's role not assumable by ec2.amazonaws.com",
    .what =
        "Checks the trust policy of the role in every instance profile "
        "(`aws_iam_instance_profile`, `AWS::IAM::InstanceProfile`, the `InstanceProfileList` of "
        "an account dump), naming the EC2 instances and launch templates that use it: some "
        "statement must Allow the service principal `ec2.amazonaws.com` the action "
        "`sts:AssumeRole`, and no Deny that holds for the service may take it away. A role "
        "outside the input or whose trust policy is known only at apply is not reported. A "
        "service's request never carries the multi-factor authentication keys: an Allow that "
        "needs `aws:MultiFactorAuthPresent` or `aws:MultiFactorAuthAge` (an assumable-role "
        "module's MFA default) does not count, and a Deny that holds without them does.",
    .why =
        "EC2 assumes the profile's role to serve credentials to the instance through its metadata "
        "service. With a trust policy for another service the instance starts but gets no "
        "credentials: every SDK call on it fails, and agents such as the SSM agent or the ECS "
        "agent cannot register.",
    .example =
        "resource \"aws_iam_instance_profile\" \"render\" {\n"
        "  role = aws_iam_role.render.name   # trusts lambda.amazonaws.com\n"
        "}",
    .fix =
        "Trust `ec2.amazonaws.com`: a statement with Effect Allow, Principal `{\"Service\": "
        "\"ec2.amazonaws.com\"}` and Action `sts:AssumeRole`.",
    .references =
        {
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "id_roles_use_switch-role-ec2_instance-profiles.html",
        },
};

void Check(const Scope& scope, Findings& out) {
  const std::string service = RuntimePrincipal(Workload::Platform::kEc2);
  std::set<int> seen;
  // First as the instances that use a profile see it, then the profiles no instance names.
  for (const Workload* w : WorkloadsOn(scope, Workload::Platform::kEc2)) {
    const ProfileRef& p = w->instance_profile;
    if (p.state != ProfileRef::State::kResolved || p.profile < 0 ||
        static_cast<size_t>(p.profile) >= scope.instance_profiles.size()) {
      continue;
    }
    const InstanceProfile& profile = scope.instance_profiles[static_cast<size_t>(p.profile)];
    ReportServiceTrust(
        kInfo, scope, profile.role, service, "role",
        "instance profile " + profile.display + " (used by " + WorkloadLabel(*w) + ")", &seen, out);
  }
  for (const InstanceProfile& profile : scope.instance_profiles) {
    ReportServiceTrust(kInfo, scope, profile.role, service, "role",
                       "instance profile " + profile.display, &seen, out);
  }
}

IAMLINT_REGISTER_RULE(kInfo, Check);

}  // namespace
}  // namespace iamlint
