#include "rules/workloads.h"

#include "rules/analysis.h"
#include "rules/credentials.h"

namespace iamlint {

std::vector<const Workload*> WorkloadsOn(const Scope& scope, Workload::Platform platform) {
  std::vector<const Workload*> out;
  for (const auto& w : scope.workloads) {
    if (w.platform == platform) out.push_back(&w);
  }
  return out;
}

std::string WorkloadLabel(const Workload& w) {
  return std::string(WorkloadNoun(w)) + " " + w.display;
}

void ReportServiceTrust(const RuleInfo& info, const Scope& scope, const RoleRef& ref,
                        const std::string& service, const std::string& kind,
                        const std::string& user, std::set<int>* seen, Findings& out) {
  const Role* role = RoleOf(scope, ref);
  if (role == nullptr || !seen->insert(ref.role).second || role->trust.unknown()) return;
  const std::string hint = "trust the service principal " + service + " for sts:AssumeRole";
  if (role->trust.absent()) {
    Finding& f =
        out.Add(info, {.resource = role->display,
                       .loc = role->loc,
                       .message = kind + " " + role->display + " of " + user +
                                  " has no trust policy, so " + service + " cannot assume it",
                       .hint = hint});
    f.related.push_back({"where it is named", ref.loc});
    return;
  }
  std::vector<std::string> trusted;
  std::vector<std::string> never_met;
  if (TrustAllowsService(role->trust.value(), service, &trusted, &never_met) != Tri::kNo) return;
  const std::string detail = TrustRefusal(service, trusted, never_met);
  Finding& f = out.Add(info, {.resource = role->display,
                              .loc = role->trust.value().loc,
                              .message = kind + " " + role->display + " of " + user +
                                         " cannot be assumed by " + service + ": " + detail,
                              .hint = hint});
  f.related.push_back({"the role", role->loc});
  f.related.push_back({"where it is named", ref.loc});
}

void ReportEnvCredentials(const RuleInfo& info, const std::vector<EnvVar>& env,
                          const std::string& owner, const std::string& resource,
                          const std::string& hint, Findings& out) {
  for (const EnvVar& e : env) {
    const EnvCredential c = FindCredentialInEnv(e);
    if (c.kind == EnvCredential::Kind::kNone) continue;
    // Never any part of the value: the name, the owner and how it was found.
    const std::string detail = c.how.empty()   ? std::string("value not shown")
                               : e.value_known ? c.how + "; value not shown"
                                               : c.how;
    // A map Terraform plans as wholly unknown shows where its values come from, not their
    // names: such a variable is named by its reference.
    const std::string variable = e.name.empty() ? "an environment variable (its name is known "
                                                  "only at apply)"
                                                : "environment variable " + e.name;
    out.Add(info, {.resource = resource,
                   .loc = e.loc,
                   .message = variable + " of " + owner + " holds " + EnvCredentialName(c.kind) +
                              " (" + detail + ")",
                   .hint = hint})
        .subject = e.name.empty() ? e.source_reference : e.name;
  }
}

RuleOptions WithExecutionRoleDuties(const RuleOptions& options) {
  RuleOptions out = options;
  for (const char* duty :
       {"secretsmanager:GetSecretValue", "ssm:GetParameters", "ssm:GetParameter", "kms:Decrypt"}) {
    out.service_role_duties.emplace_back(duty);
  }
  return out;
}

std::vector<std::string> CredentialVariables(const std::vector<EnvVar>& env) {
  std::vector<std::string> out;
  for (const EnvVar& e : env) {
    if (FindCredentialInEnv(e).kind == EnvCredential::Kind::kNone) continue;
    out.push_back(e.name.empty() ? "one set from " + e.source_reference : e.name);
  }
  return out;
}

std::string InstanceProfileField(const Scope& scope) {
  switch (scope.kind) {
    case Scope::Kind::kCloudFormation:
    case Scope::Kind::kAwsAccount:
      return "IamInstanceProfile";
    default:
      return "iam_instance_profile";
  }
}

}  // namespace iamlint
