// Building the model of one template from its resources: IAM roles, managed and inline
// policies and the roles they reach (builder.cc), Amplify apps and branches (amplify.cc),
// resource policies and `iamlint:skip` tags (builder.cc).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "json/json.h"
#include "load/cloudformation/documents.h"
#include "load/cloudformation/evaluator.h"
#include "load/cloudformation/template.h"
#include "load/scope_builder.h"
#include "model/model.h"

namespace iamlint::cfn {

class ModelBuilder {
 public:
  ModelBuilder(const Template& t, const Evaluator& ev, Scope* scope)
      : t_(t), ev_(ev), docs_(t, ev), scope_(scope), builder_(scope) {}

  /// Fills the scope from the template's resources.
  void Build();

 private:
  // IAM (builder.cc).
  void AddRole(const Resource& r);
  void AddManagedPolicy(const Resource& r);
  void RoleGrants(const Resource& r);
  void RoleInlinePolicies(const Resource& r, const json::Value& list, Role* role);
  void RoleManagedPolicies(const Resource& r, const json::Value& list, Role* role);
  PolicyRef Boundary(const Resource& r, const json::Value& v);
  void InlinePolicy(const Resource& r);
  int ManagedPolicyNamed(const Str& s) const;
  int RoleNamed(const Str& s) const;
  std::vector<int> RolesOf(const Resource& r, const char* prop);
  void AddResourcePolicy(const Resource& r);
  void AddSkipTags(const Resource& r);

  // Amplify (amplify.cc).
  void AddApp(const Resource& r);
  void AddBranch(const Resource& r);
  RoleRef RefTo(const Resource& r, const char* prop) const;
  std::vector<EnvVar> EnvOf(const json::Value* list, const std::string& pointer) const;
  bool Flag(const json::Value* v) const;

  /// `v` evaluated; unknown when null.
  Str Eval(const json::Value* v) const { return v != nullptr ? ev_.Resolve(*v, 0) : Unk(); }
  Location Loc(const Resource& r) const { return t_.Loc(r.pointer, r.node); }

  const Template& t_;
  const Evaluator& ev_;
  const DocumentReader docs_;
  Scope* scope_;
  ScopeBuilder builder_;
  std::map<std::string, int> role_of_;
  std::map<std::string, int> managed_of_;
  /// "/path/name" (when both are known) -> (logical ID, policy) of a managed policy.
  std::map<std::string, std::pair<std::string, int>> managed_by_path_name_;
  std::map<std::string, int> role_by_name_;  // the first role of each known name
  bool any_role_incomplete_ = false;
  std::map<std::string, int> app_of_;
};

}  // namespace iamlint::cfn
