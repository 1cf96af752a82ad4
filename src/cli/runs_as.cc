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

bool SameRole(const RoleRef& a, const RoleRef& b) {
  return a.state == b.state && a.role == b.role && a.arn == b.arn;
}

/// An Amplify app: the compute role all its branches' server code runs as; false when they
/// differ (then only a branch can be asked about).
bool AppRunsAs(const Scope& scope, const App& app, RunsAs* out) {
  const std::vector<const RoleRef*> roles = EffectiveComputeRoles(scope, app);
  for (const RoleRef* r : roles) {
    if (!SameRole(*r, *roles[0])) return false;
  }
  out->role = roles.empty() ? app.compute_role : *roles[0];
  return true;
}

void Candidates(const LoadResult& loaded, const std::string& who, std::vector<RunsAs>* found,
                std::vector<std::string>* mixed) {
  for (const auto& scope : loaded.model.scopes) {
    for (const auto& w : scope.workloads) {
      if (!Names(w.display, w.name, w.arn, who)) continue;
      const PlatformInfo& p = PlatformOf(w.platform);
      RunsAs r{&scope,         w.display,       WorkloadNoun(w), p.runtime_role,
               w.runtime_role, w.platform_role, p.platform_role};
      found->push_back(r);
    }
    for (const auto& app : scope.apps) {
      if (!Names(app.display, app.name, app.arn, who)) continue;
      RunsAs r{&scope, app.display,      "Amplify app", "compute role",
               {},     app.service_role, "service role"};
      if (AppRunsAs(scope, app, &r)) {
        found->push_back(r);
      } else {
        mixed->push_back(app.display);
      }
    }
    for (const auto& b : scope.branches) {
      if (b.display != who) continue;
      RunsAs r{
          &scope, b.display,     "Amplify branch", "compute role", EffectiveComputeRole(scope, b),
          {},     "service role"};
      if (b.app >= 0) r.platform_role = scope.apps[static_cast<size_t>(b.app)].service_role;
      found->push_back(r);
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
