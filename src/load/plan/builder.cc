#include "load/plan/builder.h"

#include <utility>

#include "load/plan/resource_policies.h"

namespace iamlint::plan {
namespace {

Known<std::string> KnownIfSet(const std::string& s) {
  return s.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(s);
}

bool IsAppType(const std::string& type) {
  return type == "aws_amplify_app" || type == "awscc_amplify_app";
}

bool IsBranchType(const std::string& type) {
  return type == "aws_amplify_branch" || type == "awscc_amplify_branch";
}

}  // namespace

void PlanBuilder::Build() {
  AddRoles();  // first: everything else links to them
  IndexRoles();
  AddManagedPolicies();
  for (const auto& in : index_.instances) {
    if (IsRoleType(in.type) && in.managed()) BuildRole(in);
  }
  for (const auto& in : index_.instances) {
    if (!in.managed()) continue;
    if (in.type == "aws_iam_role_policy") AddRolePolicy(in);
    if (in.type == "aws_iam_role_policy_attachment") AddAttachment(in, "role");
    if (in.type == "aws_iam_policy_attachment") AddAttachment(in, "roles");
  }
  for (const auto& in : index_.instances) {
    if (IsAppType(in.type) && in.managed()) AddApp(in);
  }
  for (const auto& in : index_.instances) {
    if (IsBranchType(in.type) && in.managed()) AddBranch(in);
  }
  AddWorkloads();  // once roles and their grants exist
  for (const auto& in : index_.instances) {
    if (!in.managed()) continue;
    if (auto rp = ResourcePolicyOf(in, input_, &docs_)) {
      scope_->resource_policies.push_back(std::move(*rp));
    }
  }
  for (const auto& in : index_.instances) {
    if (in.managed()) AddSkipTags(in);
  }
}

/// The plan's aws_iam_policy resources (customer managed policies).
void PlanBuilder::AddManagedPolicies() {
  for (const auto& in : index_.instances) {
    if (in.type != "aws_iam_policy" || !in.managed()) continue;
    Policy p;
    p.display = in.address;
    p.loc = Loc(in);
    p.arn = KnownIfSet(StringAttr(in, "arn"));
    p.name = KnownIfSet(StringAttr(in, "name"));
    p.document = docs_.DocumentOf(in, "policy", in.values_pointer());
    policy_index_[&in] = builder_.AddPolicy(std::move(p));
  }
}

/// An aws_iam_role_policy: an inline policy of the role(s) it names.
void PlanBuilder::AddRolePolicy(const Instance& in) {
  bool unresolved = false;
  std::vector<int> roles = RolesOf(in, "role", &unresolved);
  Policy p;
  p.is_inline = true;
  p.display = in.address;
  p.loc = Loc(in);
  p.name = KnownIfSet(StringAttr(in, "name"));
  p.document = docs_.DocumentOf(in, "policy", in.values_pointer());
  const int pi = builder_.AddPolicy(std::move(p));
  for (int r : roles) {
    ScopeBuilder::AddGrant(&scope_->roles[r].grants, pi, in.address, ScopeBuilder::Via::kResource,
                           Loc(in));
  }
  if (unresolved) MarkUnlinkedGrant();
}

/// An aws_iam_role_policy_attachment (`role`) or aws_iam_policy_attachment (`roles`).
void PlanBuilder::AddAttachment(const Instance& in, std::string_view role_attr) {
  bool unresolved = false;
  std::vector<int> roles = RolesOf(in, role_attr, &unresolved);
  std::vector<int> policies = PoliciesOf(in, "policy_arn");
  for (int r : roles) {
    for (int p : policies) {
      ScopeBuilder::AddGrant(&scope_->roles[r].grants, p, in.address, ScopeBuilder::Via::kResource,
                             Loc(in));
    }
  }
  if (unresolved) MarkUnlinkedGrant();
}

/// Policies named by `attr` (a policy ARN) of an attachment.
std::vector<int> PlanBuilder::PoliciesOf(const Instance& in, std::string_view attr) {
  std::string arn = StringAttr(in, attr);
  std::vector<const Instance*> refs = refs_.Refs(in, attr, "aws_iam_policy");
  if (!arn.empty()) {
    if (int i = builder_.FindPolicy(arn); i >= 0) return {i};
  }
  if (refs.size() == 1) {
    if (auto it = policy_index_.find(refs[0]); it != policy_index_.end()) return {it->second};
  }
  if (!arn.empty()) return {builder_.PolicyForArn(arn, Loc(in))};
  // Unknown policy: keep the grant, with an unknown document.
  Policy p;
  p.display = in.address + "." + std::string(attr);
  p.arn = Known<std::string>::Unknown();
  p.loc = Loc(in);
  p.document = Known<PolicyDocument>::Unknown();
  return {builder_.AddPolicy(std::move(p))};
}

/// An attachment whose role cannot be told: any role might hold it.
void PlanBuilder::MarkUnlinkedGrant() {
  if (unlinked_grant_) return;  // done already (the roles do not change)
  unlinked_grant_ = true;
  for (auto& r : scope_->roles) {
    if (!r.name.known()) r.grants_complete = false;
  }
}

/// `iamlint:skip` in `tags` (a map; `tags_all` when `tags` lacks it, for provider
/// default_tags) or, in awscc, a `tags` list of {key, value}.
void PlanBuilder::AddSkipTags(const Instance& in) {
  const std::string vals = in.values_pointer();
  for (const char* attr : {"tags", "tags_all"}) {
    const Value* tags = KnownAttr(in, attr);
    if (tags == nullptr) continue;
    for (const auto& t :
         ScopeBuilder::SkipTagEntries(*tags, json::PointerAppend(vals, attr), "key", "value")) {
      if (t.value == nullptr || !t.value->IsString()) continue;
      builder_.AddSkipTag(in.address, t.value->str(), input_.Loc(t.pointer, t.item->offset()),
                          Loc(in));
      return;
    }
  }
}

}  // namespace iamlint::plan
