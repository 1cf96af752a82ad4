#include "model/model.h"

namespace iamlint {

const RoleRef& EffectiveComputeRole(const Scope& scope, const Branch& branch) {
  if (branch.compute_role.state != RoleRef::State::kAbsent || branch.app < 0) {
    return branch.compute_role;
  }
  return scope.apps[static_cast<size_t>(branch.app)].compute_role;
}

std::vector<const RoleRef*> EffectiveComputeRoles(const Scope& scope, const App& app) {
  std::vector<const RoleRef*> out;
  if (app.branches.empty()) {
    out.push_back(&app.compute_role);
  } else {
    for (int bi : app.branches) {
      out.push_back(&EffectiveComputeRole(scope, BranchOf(scope, bi)));
    }
  }
  return out;
}

bool IsSsr(const App& app) {
  return app.platform.known() &&
         (app.platform.value() == "WEB_COMPUTE" || app.platform.value() == "WEB_DYNAMIC");
}

}  // namespace iamlint
