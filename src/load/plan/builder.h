// Filling the model from a plan's instances: roles first (everything else links to them),
// then managed policies, the roles' own policies, inline policies and attachments, apps,
// branches, workloads (instance profiles first), resource policies and `iamlint:skip` tags.
//
// builder.cc holds the order and the policies, roles.cc how roles are found and linked,
// apps.cc the Amplify apps and branches with their environment variables, workloads.cc and
// workloads_compute.cc the ECS, Lambda, EC2 and CodeBuild workloads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/plan/documents.h"
#include "load/scope_builder.h"

namespace iamlint::plan {

class PlanBuilder {
 public:
  PlanBuilder(const PlanInput& input, const PlanIndex& index, Scope* scope)
      : input_(input),
        index_(index),
        scope_(scope),
        builder_(scope),
        refs_(input, index),
        docs_(input, refs_) {}

  /// Fills the scope from the index's instances (PlanIndex::Finish done).
  void Build();

 private:
  Location Loc(const Instance& in) const { return input_.Loc(in.pointer, in.offset); }

  // builder.cc
  void AddManagedPolicies();
  void AddRolePolicy(const Instance& in);
  void AddAttachment(const Instance& in, std::string_view role_attr);
  std::vector<int> PoliciesOf(const Instance& in, std::string_view attr);
  void MarkUnlinkedGrant();
  void AddSkipTags(const Instance& in);
  // roles.cc
  void AddRoles();
  void IndexRoles();
  int RoleIndex(const Instance* in) const;
  int RoleByArnOrName(const std::string& arn, const std::string& name) const;
  int DestroyedRole(const std::string& arn_or_name) const;
  RoleRef ResolveRole(const Instance& in, std::string_view attr) const;
  PolicyRef BoundaryOf(const Instance& in, const std::string& vals);
  int ExternalRole(const std::string& arn, const std::string& name, const Location& loc);
  std::vector<int> RolesOf(const Instance& in, std::string_view attr, bool* unresolved);
  int RoleNamedBy(const std::string& name, size_t names, const std::vector<const Instance*>& refs,
                  const Location& loc, bool* unresolved);
  void BuildRole(const Instance& in);
  void AddInlinePolicies(const Instance& in, int role, const std::string& vals);
  void AddManagedPolicyArns(const Instance& in, int role, const std::string& vals);
  // apps.cc
  void AddApp(const Instance& in);
  void ReadAutoBranchCreation(const Instance& in, App* app);
  void AddBranch(const Instance& in);
  int AppByIdSuffix(const std::string& app_id);
  const Value* EnvAttr(const Instance& in) const;
  std::vector<EnvVar> EnvOf(const Instance& in, std::string_view attr, const Value* vars,
                            const std::string& pointer) const;
  void NoteSources(const Instance& in, std::string_view attr, const Value* vars,
                   const std::string& pointer, std::vector<EnvVar>* out) const;
  // workloads.cc, workloads_compute.cc
  void AddWorkloads();
  RoleRef WorkloadRole(const Instance& in, std::string_view attr) const;
  std::vector<EnvVar> NestedEnv(const Instance& in, std::string_view block, std::string_view inner,
                                bool* known) const;
  void AddEcsTask(const Instance& in);
  void ReadContainers(const Instance& in, Workload* w);
  void AddInstanceProfile(const Instance& in);
  void AddLambda(const Instance& in);
  void AddEc2(const Instance& in, bool launch_template);
  ProfileRef InstanceProfileRef(const Instance& in);
  ProfileRef TemplateProfile(const Instance& in);
  ProfileRef Profile(const std::string& value, bool unknown,
                     const std::vector<const Instance*>& refs, const Location& loc);
  void AddCodeBuild(const Instance& in);
  void ReadBuildEnv(const Instance& in, Workload* w);

  const PlanInput& input_;
  const PlanIndex& index_;
  Scope* scope_;
  ScopeBuilder builder_;
  References refs_;
  PlanDocuments docs_;
  std::unordered_map<std::string, int> role_by_arn_;   // first role with an ARN
  std::unordered_map<std::string, int> role_by_name_;  // first role with a name
  std::unordered_map<std::string, int> destroyed_by_arn_;
  std::unordered_map<std::string, int> destroyed_by_name_;         // those without a known ARN
  std::vector<std::pair<std::string, int>> apps_by_reversed_arn_;  // see AppByIdSuffix
  bool unlinked_grant_ = false;                                    // MarkUnlinkedGrant done
  std::map<const Instance*, int> role_index_;
  std::map<const Instance*, int> policy_index_;
  std::map<const Instance*, int> app_index_;
  std::map<const Instance*, int> profile_index_;
  std::unordered_map<std::string, int> profile_by_name_;  // first instance profile
  std::unordered_map<std::string, int> profile_by_arn_;
};

}  // namespace iamlint::plan
