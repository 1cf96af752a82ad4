#include "cli/runs_as.h"

#include <vector>

#include "report/sanitize.h"

namespace iamlint {
namespace {

bool Names(const std::string& display, const Known<std::string>& name,
           const Known<std::string>& arn, const std::string& who) {
  return display == who || (name.known() && name.value() == who) ||
         (arn.known() && arn.value() == who);
}

void Candidates(const LoadResult& loaded, const std::string& who, std::vector<RunsAs>* found,
                std::vector<std::string>* mixed) {
  for (const auto& scope : loaded.model.scopes) {
    for (const auto& w : scope.workloads) {
      if (!Names(w.display, w.name, w.arn, who)) continue;
      if (w.runtime_roles_differ) {
        mixed->push_back(w.display);
        continue;
      }
      const PlatformInfo& p = PlatformOf(w.platform);
      found->push_back({&scope, w.display, WorkloadNoun(w), p.runtime_role, p.code, w.runtime_role,
                        w.platform_role, p.platform_role});
    }
  }
}

}  // namespace

bool FindWorkload(const LoadResult& loaded, const std::string& who, std::ostream& err,
                  RunsAs* found) {
  std::vector<RunsAs> all;
  std::vector<std::string> mixed;
  Candidates(loaded, who, &all, &mixed);
  if (all.empty() && !mixed.empty()) {
    err << "iamlint: the branches of " << Visible(mixed[0])
        << " run as different compute roles: give the branch (its Terraform address, or "
           "APP_ID/BRANCH)\n";
    return false;
  }
  if (all.empty()) {
    err << "iamlint: no workload \"" << Visible(who)
        << "\" in the inputs (give the Terraform address, ARN or name of an Amplify app or "
           "branch, ECS task definition, Lambda function, EC2 instance or launch template, or "
           "CodeBuild project)\n";
    return false;
  }
  if (all.size() > 1) {
    err << "iamlint: \"" << Visible(who) << "\" names " << all.size() << " workloads:";
    for (const auto& c : all) {
      err << "\n  " << Visible(c.workload) << " (" << Visible(c.scope->name) << ")";
    }
    err << "\ngive the Terraform address or the ARN of one\n";
    return false;
  }
  *found = all[0];
  return true;
}

}  // namespace iamlint
