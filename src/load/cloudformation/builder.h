// Building the model of one template from its resources: IAM roles, managed and inline
// policies and the roles they reach (builder.cc), Amplify apps and branches (amplify.cc),
// workloads -- ECS task definitions, Lambda functions, EC2 instances and launch templates with
// their instance profiles, CodeBuild projects (workloads.cc) and SAM functions with the roles
// SAM creates for them (sam.cc) --, resource policies and `iamlint:skip` tags (builder.cc).
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
  PolicyRef Boundary(const json::Value& v, const std::string& pointer);
  void InlinePolicy(const Resource& r);
  int PolicyNamedBy(const Str& s, const Location& loc);
  int ManagedPolicyNamed(const Str& s) const;
  int RoleNamed(const Str& s) const;
  std::vector<int> RolesOf(const Resource& r, const char* prop);
  void AddResourcePolicy(const Resource& r);
  void AddSkipTags(const Resource& r);

  // Shared by apps and workloads (builder.cc).
  RoleRef RefTo(const Resource& r, const char* prop) const;
  RoleRef RoleRefAt(const json::Value* v, const std::string& pointer, const Location& unset) const;
  std::vector<EnvVar> EnvOf(const json::Value* list, const std::string& pointer) const;
  std::vector<EnvVar> EnvOfMap(const json::Value& map, const std::string& pointer) const;
  bool Shaped(const json::Value* v, const std::string& pointer, json::Type want,
              const std::string& what) const;

  // Amplify (amplify.cc).
  void AddApp(const Resource& r);
  void AddBranch(const Resource& r);
  bool Flag(const json::Value* v) const;

  // Workloads (workloads.cc).
  void AddInstanceProfile(const Resource& r);
  /// A workload of `platform` for resource `r`: its display, location, and the name its
  /// `name_property` gives (none: unknown); its ARN is known only after deployment.
  Workload WorkloadOf(Workload::Platform platform, const Resource& r,
                      const char* name_property) const;
  void AddEcsTask(const Resource& r);
  void ReadContainers(const Resource& r, Workload* w) const;
  Container ReadContainer(const json::Value& def, const std::string& pointer, Workload* w) const;
  void AddLambda(const Resource& r);
  std::vector<EnvVar> FunctionEnv(const json::Value* environment, const std::string& pointer,
                                  Workload* w) const;
  void AddEc2(const Resource& r);
  ProfileRef ProfileAt(const json::Value* v, const std::string& pointer,
                       const Location& unset) const;
  void AddCodeBuild(const Resource& r);
  void ReadBuildEnv(const Resource& r, Workload* w) const;

  // SAM (sam.cc).
  void AddSamFunction(const Resource& r);
  RoleRef SamCreatedRole(const Resource& r);
  void SamPolicies(const Resource& r, const json::Value& policies, Role* role);
  std::vector<EnvVar> SamGlobalEnv(Workload* w) const;

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
  std::map<std::string, int> profile_of_;       // logical ID -> instance profile
  std::map<std::string, int> profile_by_name_;  // the first profile of each known name
};

}  // namespace iamlint::cfn
