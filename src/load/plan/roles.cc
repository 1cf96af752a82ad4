// PlanBuilder: roles -- made from the plan's role resources, found by ARN, name or
// reference, linked to what names them (apps, branches, attachments), with their trust
// policy, permissions boundary, inline policies and managed_policy_arns.
#include <algorithm>
#include <utility>

#include "load/plan/builder.h"
#include "load/plan/policy_document.h"

namespace iamlint::plan {
namespace {

/// The first value of `key` in an index, or -1.
int Lookup(const std::unordered_map<std::string, int>& index, const std::string& key) {
  auto it = index.find(key);
  return it == index.end() ? -1 : it->second;
}

Known<std::string> KnownIfSet(const std::string& s) {
  return s.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(s);
}

}  // namespace

void PlanBuilder::AddRoles() {
  for (const auto& in : index_.instances) {
    if (!IsRoleType(in.type) || !in.managed()) continue;
    Role r;
    r.display = in.address;
    r.loc = Loc(in);
    r.arn = KnownIfSet(StringAttr(in, "arn"));
    r.name = KnownIfSet(StringAttr(in, IsAwscc(in.type) ? "role_name" : "name"));
    role_index_[&in] = static_cast<int>(scope_->roles.size());
    scope_->roles.push_back(std::move(r));
  }
}

/// Indexes the roles by ARN and by name (first one wins), once they are all known.
void PlanBuilder::IndexRoles() {
  for (size_t i = 0; i < scope_->roles.size(); ++i) {
    const Role& r = scope_->roles[i];
    if (r.arn.known()) role_by_arn_.emplace(r.arn.value(), static_cast<int>(i));
    if (r.name.known()) role_by_name_.emplace(r.name.value(), static_cast<int>(i));
  }
  for (size_t i = 0; i < scope_->destroyed.size(); ++i) {
    const Destroyed& d = scope_->destroyed[i];
    if (d.arn.known()) {
      destroyed_by_arn_.emplace(d.arn.value(), static_cast<int>(i));
    } else if (d.name.known()) {
      destroyed_by_name_.emplace(d.name.value(), static_cast<int>(i));
    }
  }
}

int PlanBuilder::RoleIndex(const Instance* in) const {
  auto it = role_index_.find(in);
  return it == role_index_.end() ? -1 : it->second;
}

/// The first role with this ARN, else the first with this name (by default the name the
/// ARN ends with), or -1.
int PlanBuilder::RoleByArnOrName(const std::string& arn, const std::string& name) const {
  if (!arn.empty()) {
    if (int i = Lookup(role_by_arn_, arn); i >= 0) return i;
  }
  const std::string want = name.empty() && !arn.empty() ? RoleNameFromArn(arn) : name;
  return want.empty() ? -1 : Lookup(role_by_name_, want);
}

/// The destroyed role this ARN (or name) names, or -1: the first with this ARN or, among
/// those whose old ARN is not known, this name (the role's identity within the account).
int PlanBuilder::DestroyedRole(const std::string& arn_or_name) const {
  std::string name = RoleNameFromArn(arn_or_name);
  if (name.empty()) name = arn_or_name;
  const int by_arn = Lookup(destroyed_by_arn_, arn_or_name);
  const int by_name = Lookup(destroyed_by_name_, name);
  if (by_arn < 0 || by_name < 0) return std::max(by_arn, by_name);
  return std::min(by_arn, by_name);
}

/// The role attribute `attr` of an app or branch names.
RoleRef PlanBuilder::ResolveRole(const Instance& in, std::string_view attr) const {
  RoleRef ref;
  ref.loc = Loc(in);
  // A conditional expression references every branch; only one reference that exists
  // in this instance's module is a link.
  std::vector<const Instance*> refs = refs_.Refs(in, attr, "aws_iam_role");
  int linked = refs.size() == 1 ? RoleIndex(refs[0]) : -1;
  std::string value = StringAttr(in, attr);
  if (!value.empty()) {
    ref.arn = value;
    int idx = RoleByArnOrName(value, "");
    if (idx < 0) idx = linked;
    ref.state = idx >= 0 ? RoleRef::State::kResolved : RoleRef::State::kExternal;
    ref.role = idx;
    if (idx < 0) ref.destroyed = DestroyedRole(value);
    return ref;
  }
  if (IsUnknown(in.after_unknown, attr)) {
    if (linked >= 0) {
      ref.state = RoleRef::State::kResolved;
      ref.role = linked;
      ref.arn = scope_->roles[linked].arn.value_or("");
    } else {
      ref.state = RoleRef::State::kUnknown;
    }
    return ref;
  }
  // Null and not unknown: not set, whatever the configuration references. Without
  // resource_changes, planned_values omits unknown values: an omitted, referenced
  // attribute is then unknown.
  if (in.after_unknown == nullptr && in.values != nullptr && in.values->Find(attr) == nullptr &&
      refs_.HasReferences(in, attr)) {
    ref.state = RoleRef::State::kUnknown;
  }
  return ref;
}

/// A role's `permissions_boundary`: a policy ARN (one of this plan's aws_iam_policy, found by
/// ARN or by reference when its ARN is known only after apply, or an AWS managed policy).
PolicyRef PlanBuilder::BoundaryOf(const Instance& in, const std::string& vals) {
  static constexpr std::string_view kAttr = "permissions_boundary";
  PolicyRef ref;
  ref.loc = Loc(in);
  if (const Value* v = KnownAttr(in, kAttr); v != nullptr && v->IsString() && !v->str().empty()) {
    ref.loc = input_.Loc(json::PointerAppend(vals, kAttr), v->offset());
    ref.state = PolicyRef::State::kResolved;
    ref.policy = builder_.PolicyForArn(v->str(), ref.loc);
    return ref;
  }
  const bool omitted_unknown = in.after_unknown == nullptr && in.values != nullptr &&
                               in.values->Find(kAttr) == nullptr && refs_.HasReferences(in, kAttr);
  if (!IsUnknown(in.after_unknown, kAttr) && !omitted_unknown) return ref;  // none
  std::vector<const Instance*> refs = refs_.Refs(in, kAttr, "aws_iam_policy");
  if (refs.size() == 1) {
    if (auto it = policy_index_.find(refs[0]); it != policy_index_.end()) {
      ref.state = PolicyRef::State::kResolved;
      ref.policy = it->second;
      return ref;
    }
  }
  ref.state = PolicyRef::State::kUnknown;
  return ref;
}

/// A role outside this plan that a grant names (by name, or by ARN): one role of the scope
/// from then on, found by its name (the last segment of its ARN, whatever its path) and by
/// its ARN. It may hold grants the plan does not show (`grants_complete` false), and its
/// trust and boundary are unknown. -1 when there is no name to go by.
int PlanBuilder::ExternalRole(const std::string& arn, const std::string& name,
                              const Location& loc) {
  if (name.empty() || name.find('/') != std::string::npos) return -1;
  if (int i = RoleByArnOrName(arn, name); i >= 0) return i;
  // A role this plan destroys is not one that will hold the grant (AMP009's concern).
  for (const Destroyed& d : scope_->destroyed) {
    if (!IsRoleType(d.type)) continue;
    if ((d.name.known() && d.name.value() == name) ||
        (d.arn.known() && RoleNameFromArn(d.arn.value()) == name)) {
      return -1;
    }
  }
  Role r;
  r.display = name;
  r.name = Known<std::string>::Of(name);
  r.arn = arn.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(arn);
  r.loc = loc;
  r.trust = Known<PolicyDocument>::Unknown();
  r.grants_complete = false;
  r.boundary.state = PolicyRef::State::kUnknown;
  r.boundary.loc = loc;
  const auto index = static_cast<int>(scope_->roles.size());
  role_by_name_.emplace(name, index);
  if (!arn.empty()) role_by_arn_.emplace(arn, index);
  scope_->roles.push_back(std::move(r));
  return index;
}

/// Roles named by `attr` (a role name, or a list of names) of an attachment.
std::vector<int> PlanBuilder::RolesOf(const Instance& in, std::string_view attr, bool* unresolved) {
  std::vector<int> out;
  std::vector<const Instance*> refs = refs_.Refs(in, attr, "aws_iam_role");
  if (const Value* v = KnownAttr(in, attr)) {
    // Known names (or ARNs): match them; a name no role here has stays unresolved.
    const std::vector<std::string> names = StringsOf(v);
    const Location loc = input_.Loc(json::PointerAppend(in.values_pointer(), attr), v->offset());
    for (const auto& name : names) {
      const int idx = RoleNamedBy(name, names.size(), refs, loc, unresolved);
      if (idx >= 0) out.push_back(idx);
    }
    if (out.size() < names.size()) *unresolved = true;
    return out;
  }
  // Unknown: a single-role attribute links only through exactly one reference; a list
  // (aws_iam_policy_attachment.roles) through all of them.
  if (refs.size() == 1 || attr == "roles") {
    for (const auto* t : refs) {
      int idx = RoleIndex(t);
      if (idx >= 0) out.push_back(idx);
    }
  }
  if (out.empty() && (IsUnknown(in.after_unknown, attr) || refs_.HasReferences(in, attr))) {
    *unresolved = true;
  }
  return out;
}

/// The role one known name (or ARN) of an attachment names, or -1. `names`: how many the
/// attribute holds; `refs`: the roles its configuration references.
int PlanBuilder::RoleNamedBy(const std::string& name, size_t names,
                             const std::vector<const Instance*>& refs, const Location& loc,
                             bool* unresolved) {
  const bool is_arn = name.find(":role/") != std::string::npos;
  int idx = RoleByArnOrName(is_arn ? name : "", is_arn ? "" : name);
  if (idx < 0 && names == 1 && refs.size() == 1) idx = RoleIndex(refs[0]);
  if (idx >= 0) return idx;
  // A role this plan does not describe, named by what it is called: the grant is evidence
  // about it all the same (a role that may also be named by ARN elsewhere). A role of this
  // plan whose name is unknown might be it too.
  *unresolved = true;
  return ExternalRole(is_arn ? name : "", is_arn ? RoleNameFromArn(name) : name, loc);
}

void PlanBuilder::BuildRole(const Instance& in) {
  const std::string vals = in.values_pointer();
  const bool cc = IsAwscc(in.type);
  Known<PolicyDocument> trust =
      docs_.DocumentOf(in, cc ? "assume_role_policy_document" : "assume_role_policy", vals);
  const int idx = RoleIndex(&in);
  scope_->roles[idx].trust = std::move(trust);
  scope_->roles[idx].boundary = BoundaryOf(in, vals);
  AddInlinePolicies(in, idx, vals);
  AddManagedPolicyArns(in, idx, vals);
}

/// The role's inline_policy blocks (awscc: `policies`).
void PlanBuilder::AddInlinePolicies(const Instance& in, int role, const std::string& vals) {
  const bool cc = IsAwscc(in.type);
  const char* inline_attr = cc ? "policies" : "inline_policy";
  const Value* ip = input_.ShapedAttr(in, inline_attr, Want::kArray);
  if (ip == nullptr) {
    if (IsUnknown(in.after_unknown, inline_attr) && refs_.Expression(in, inline_attr) != nullptr) {
      scope_->roles[role].grants_complete = false;
    }
    return;
  }
  for (size_t i = 0; i < ip->items().size(); ++i) {
    const Value& b = ip->items()[i];
    const Value* pol = b.Find(cc ? "policy_document" : "policy");
    const Value* nm = b.Find(cc ? "policy_name" : "name");
    if ((pol == nullptr || !pol->IsString() || pol->str().empty()) &&
        (nm == nullptr || !nm->IsString() || nm->str().empty())) {
      continue;  // the empty block the provider reports when none is configured
    }
    Policy p;
    const std::string bp = json::PointerAppend(json::PointerAppend(vals, inline_attr), i);
    p.is_inline = true;
    p.name = nm != nullptr && nm->IsString() ? Known<std::string>::Of(nm->str())
                                             : Known<std::string>::Unknown();
    p.display = in.address + " inline_policy \"" + p.name.value_or("?") + "\"";
    p.loc = input_.Loc(bp, b.offset());
    if (pol != nullptr && pol->IsString()) {
      p.document =
          docs_.ParseEmbedded(*pol, json::PointerAppend(bp, cc ? "policy_document" : "policy"));
    } else {
      p.document = Known<PolicyDocument>::Unknown();
    }
    ScopeBuilder::AddGrant(&scope_->roles[role].grants, builder_.AddPolicy(std::move(p)),
                           inline_attr, ScopeBuilder::Via::kAttribute, input_.Loc(bp, b.offset()));
  }
}

/// The role's managed_policy_arns: known ARNs, or (computed when not configured, mirroring
/// the attachments this plan shows itself) the policies its configuration references.
void PlanBuilder::AddManagedPolicyArns(const Instance& in, int role, const std::string& vals) {
  static constexpr char kAttr[] = "managed_policy_arns";
  if (const Value* mp = input_.ShapedAttr(in, kAttr, Want::kArray)) {
    for (size_t i = 0; i < mp->items().size(); ++i) {
      const Value& a = mp->items()[i];
      const Location loc =
          input_.Loc(json::PointerAppend(json::PointerAppend(vals, kAttr), i), a.offset());
      if (!a.IsString()) continue;
      ScopeBuilder::AddGrant(&scope_->roles[role].grants, builder_.PolicyForArn(a.str(), loc),
                             kAttr, ScopeBuilder::Via::kAttribute, loc);
    }
  }
  if (!IsUnknown(in.after_unknown, kAttr) || refs_.Expression(in, kAttr) == nullptr) return;
  bool any = false;
  for (const auto* t : refs_.Refs(in, kAttr, "aws_iam_policy")) {
    auto it = policy_index_.find(t);
    if (it == policy_index_.end()) continue;
    any = true;
    ScopeBuilder::AddGrant(&scope_->roles[role].grants, it->second, kAttr,
                           ScopeBuilder::Via::kAttribute, Loc(in));
  }
  if (!any) scope_->roles[role].grants_complete = false;
}

}  // namespace iamlint::plan
