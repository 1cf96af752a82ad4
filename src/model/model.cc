#include "model/model.h"

namespace iamlint {

const RoleRef& EffectiveComputeRole(const Scope& scope, const Branch& branch) {
  if (branch.compute_role.state != RoleRef::State::kAbsent || branch.app < 0) {
    return branch.compute_role;
  }
  return scope.apps[static_cast<size_t>(branch.app)].compute_role;
}

}  // namespace iamlint
