// What the plan loader reads of a plan or a state, as a json::ParseFilter (see
// TerraformPlanFilter in load/loaders.h): the resource types some rule reads, and the shapes
// of plans, show-json states and raw states down to their resources.
#pragma once

#include <string_view>

#include "json/json.h"

namespace iamlint::plan {

/// The resource types some rule reads; the loader (and TerraformPlanFilter) skip the rest.
bool Interesting(std::string_view type);

/// What the plan loader reads, as a ParseFilter: the shapes of plans, show-json states and raw
/// states, down to their resources, which are dropped by `type` (and, in prior_state, by
/// `mode`: only data sources are read there) as soon as the member is met. Terraform writes
/// `address`, `mode` and `type` first, so a dropped resource is skipped, not built; when the
/// keys come in another order the resource is built until its `type` is met. A resource that
/// names its type twice is judged by the first (Terraform writes no duplicate keys).
class PlanFilter : public json::ParseFilter {
 public:
  enum State : int {
    kRoot = 1,        // the root, until it shows what it is
    kRootVersion,     // ... it has a `version` (a raw state?)
    kRootTfVersion,   // ... it has a `terraform_version`
    kPlan,            // a plan or a show-json state (`format_version`)
    kRawState,        // a raw terraform.tfstate (`version` and `terraform_version`)
    kValues,          // planned_values, values, prior_state.values: {root_module, outputs}
    kPriorState,      // {format_version, terraform_version, values}
    kPriorValues,     // prior_state.values
    kModule,          // {address, resources, child_modules}
    kPriorModule,     //   (in prior_state)
    kResources,       // resources[]
    kPriorResources,  //   (in prior_state)
    kChildModules,    // child_modules[]
    kPriorChildModules,
    kResource,         // a resource: kept when its type is interesting
    kPriorResource,    //   (in prior_state: data sources only)
    kChanges,          // resource_changes[]
    kConfig,           // configuration
    kConfigModule,     // {resources, module_calls, outputs, variables}
    kConfigResources,  // resources[]
    kModuleCalls,      // {name: call}
    kModuleCall,       // {source, expressions, module}
    kRawResources,     // resources[] of a raw state
    kUnread,           // an array or object whose elements / members the loader never reads
  };

  int Root() const override { return kRoot; }
  int Enter(int parent, std::string_view key) const override;
  int Member(int state, std::string_view key, const json::Value& value) const override;
};

}  // namespace iamlint::plan
