// PlanBuilder: workloads other than ECS -- Lambda functions, EC2 instances and launch
// templates (with the instance profiles they name), CodeBuild projects. See workloads.cc.
#include <utility>

#include "load/plan/builder.h"

namespace iamlint::plan {
namespace {

Known<std::string> KnownIfSet(const std::string& s) {
  return s.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(s);
}

/// Member `key` of the first element of the array `v`, or nullptr.
const Value* FirstBlockField(const Value* v, std::string_view key) {
  const Value* first = v != nullptr ? v->At(0) : nullptr;
  return first != nullptr && first->IsObject() ? first->Find(key) : nullptr;
}

bool IsTrue(const Value* v) { return v != nullptr && v->IsBool() && v->AsBool(); }

/// An instance's `tags.Name`, the name the EC2 console shows; absent when none.
Known<std::string> NameTag(const Instance& in) {
  const Value* tags = KnownAttr(in, "tags");
  const Value* name = tags != nullptr && tags->IsObject() ? tags->Find("Name") : nullptr;
  if (name != nullptr && name->IsString()) return Known<std::string>::Of(name->str());
  if (IsUnknown(in.after_unknown, "tags")) return Known<std::string>::Unknown();
  return Known<std::string>::Absent();
}

}  // namespace

/// An aws_iam_instance_profile: the role (by name) it hands to instances.
void PlanBuilder::AddInstanceProfile(const Instance& in) {
  InstanceProfile p;
  p.display = in.address;
  p.loc = Loc(in);
  p.name = KnownIfSet(StringAttr(in, "name"));
  p.arn = KnownIfSet(StringAttr(in, "arn"));
  p.role = WorkloadRole(in, "role");
  const auto index = static_cast<int>(scope_->instance_profiles.size());
  profile_index_[&in] = index;
  if (p.name.known()) profile_by_name_.emplace(p.name.value(), index);
  if (p.arn.known()) profile_by_arn_.emplace(p.arn.value(), index);
  scope_->instance_profiles.push_back(std::move(p));
}

/// An aws_lambda_function: the execution role its code runs as, and `environment.variables`.
void PlanBuilder::AddLambda(const Instance& in) {
  Workload w;
  w.platform = Workload::Platform::kLambda;
  w.display = in.address;
  w.loc = Loc(in);
  w.name = KnownIfSet(StringAttr(in, "function_name"));
  w.arn = KnownIfSet(StringAttr(in, "arn"));
  w.runtime_role = WorkloadRole(in, "role");
  w.env = NestedEnv(in, "environment", "variables", &w.definition_known);
  scope_->workloads.push_back(std::move(w));
}

/// An aws_instance (`iam_instance_profile`: a profile's name) or an aws_launch_template
/// (`iam_instance_profile { name | arn }`). The code runs as the profile's role.
void PlanBuilder::AddEc2(const Instance& in, bool launch_template) {
  Workload w;
  w.platform = Workload::Platform::kEc2;
  w.launch_template = launch_template;
  w.display = in.address;
  w.loc = Loc(in);
  w.name = launch_template ? KnownIfSet(StringAttr(in, "name")) : NameTag(in);
  w.arn = KnownIfSet(StringAttr(in, "arn"));
  w.instance_profile = launch_template ? TemplateProfile(in) : InstanceProfileRef(in);
  w.runtime_role = builder_.ProfileRole(w.instance_profile);
  scope_->workloads.push_back(std::move(w));
}

/// aws_instance's `iam_instance_profile` (a profile name).
ProfileRef PlanBuilder::InstanceProfileRef(const Instance& in) {
  static constexpr std::string_view kAttr = "iam_instance_profile";
  const Value* v = KnownAttr(in, kAttr);
  const std::string pointer = json::PointerAppend(in.values_pointer(), kAttr);
  const bool unknown =
      IsUnknown(in.after_unknown, kAttr) ||
      (in.after_unknown == nullptr && v == nullptr && refs_.HasReferences(in, kAttr));
  std::vector<const Instance*> refs;
  refs_.ResolveExpr(refs_.Expression(in, kAttr), in.module, in.key, &refs);
  const Location loc = input_.Loc(pointer, v != nullptr ? v->offset() : in.offset);
  return Profile(v != nullptr && v->IsString() ? v->str() : "", unknown, refs, loc);
}

/// aws_launch_template's `iam_instance_profile` block: its `arn` or its `name`.
ProfileRef PlanBuilder::TemplateProfile(const Instance& in) {
  static constexpr std::string_view kAttr = "iam_instance_profile";
  const std::string block = json::PointerAppend(json::PointerAppend(in.values_pointer(), kAttr), 0);
  const Value* blocks = input_.ShapedAttr(in, kAttr, Want::kArray);
  const Value* unk = in.after_unknown != nullptr ? in.after_unknown->Find(kAttr) : nullptr;
  const Value* expr = refs_.Expression(in, kAttr);
  std::vector<const Instance*> refs;
  bool unknown = IsTrue(unk);
  std::string value;
  std::string pointer = block;
  size_t offset = in.offset;
  for (const char* field : {"arn", "name"}) {
    refs_.ResolveExpr(FirstBlockField(expr, field), in.module, in.key, &refs);
    if (IsTrue(FirstBlockField(unk, field))) unknown = true;
    const Value* f = FirstBlockField(blocks, field);
    if (f == nullptr || !f->IsString() || f->str().empty() || !value.empty()) continue;
    value = f->str();
    pointer = json::PointerAppend(block, field);
    offset = f->offset();
  }
  if (blocks == nullptr && !unknown) return ProfileRef();  // none
  return Profile(value, unknown, refs, input_.Loc(pointer, offset));
}

/// What a known name or ARN (`value`, "" when none), or an unknown value whose
/// configuration references `refs`, names where an instance profile is expected: a profile
/// of this plan, a role of this plan (the EC2002 mistake: `aws_iam_role.r.name`), a profile
/// outside it, or what cannot be told.
ProfileRef PlanBuilder::Profile(const std::string& value, bool unknown,
                                const std::vector<const Instance*>& refs, const Location& loc) {
  ProfileRef ref;
  ref.loc = loc;
  ref.name_or_arn = value;
  int profile = -1;
  int role = -1;
  size_t profiles = 0;
  for (const auto* t : refs) {
    if (auto it = profile_index_.find(t); it != profile_index_.end()) {
      profile = it->second;
      ++profiles;
    } else if (int r = RoleIndex(t); r >= 0) {
      role = r;
    }
  }
  if (!value.empty()) {
    auto by_arn = profile_by_arn_.find(value);
    auto by_name = profile_by_name_.find(value);
    if (by_arn != profile_by_arn_.end()) {
      profile = by_arn->second;
      profiles = 1;
    } else if (by_name != profile_by_name_.end()) {
      profile = by_name->second;
      profiles = 1;
    } else if (profiles == 0 && role < 0) {
      // A role this plan makes, named where its profile should be (Terraform knows a role's
      // name at plan time, so the configuration's reference may not be needed to see it).
      const bool is_arn = value.find(":role/") != std::string::npos;
      const int r = RoleByArnOrName(is_arn ? value : "", is_arn ? "" : value);
      if (r >= 0 && static_cast<size_t>(r) < role_index_.size()) role = r;
    }
  } else if (!unknown) {
    return ref;  // kAbsent
  }
  if (profiles == 1) {
    ref.state = ProfileRef::State::kResolved;
    ref.profile = profile;
  } else if (profiles == 0 && role >= 0) {
    ref.state = ProfileRef::State::kRole;
    ref.role = role;
  } else {
    ref.state = value.empty() ? ProfileRef::State::kUnknown : ProfileRef::State::kExternal;
  }
  return ref;
}

/// An aws_codebuild_project: the service role the build runs as, and the
/// `environment.environment_variable` blocks: `PLAINTEXT` (the default) ones are plain
/// environment, `PARAMETER_STORE` / `SECRETS_MANAGER` ones secrets fetched by reference.
void PlanBuilder::AddCodeBuild(const Instance& in) {
  Workload w;
  w.platform = Workload::Platform::kCodeBuild;
  w.display = in.address;
  w.loc = Loc(in);
  w.name = KnownIfSet(StringAttr(in, "name"));
  w.arn = KnownIfSet(StringAttr(in, "arn"));
  w.runtime_role = WorkloadRole(in, "service_role");
  ReadBuildEnv(in, &w);
  scope_->workloads.push_back(std::move(w));
}

void PlanBuilder::ReadBuildEnv(const Instance& in, Workload* w) {
  static constexpr std::string_view kBlock = "environment";
  static constexpr std::string_view kVar = "environment_variable";
  const std::string pointer = json::PointerAppend(
      json::PointerAppend(json::PointerAppend(in.values_pointer(), kBlock), 0), kVar);
  const Value* blocks = input_.ShapedAttr(in, kBlock, Want::kArray);
  const Value* vars = FirstBlockField(blocks, kVar);
  const Value* unk_block = in.after_unknown != nullptr ? in.after_unknown->Find(kBlock) : nullptr;
  const Value* unk = FirstBlockField(unk_block, kVar);
  if (IsTrue(unk_block) || IsTrue(unk)) w->definition_known = false;
  if (vars == nullptr || !input_.Shaped(*vars, Want::kArray, pointer)) return;
  // The configuration's blocks, when they match the planned ones one to one (no `dynamic`).
  const Value* exprs = FirstBlockField(refs_.Expression(in, kBlock), kVar);
  if (exprs != nullptr && (!exprs->IsArray() || exprs->items().size() != vars->items().size())) {
    exprs = nullptr;
  }
  for (size_t i = 0; i < vars->items().size(); ++i) {
    const Value& item = vars->items()[i];
    const Value* name = item.IsObject() ? item.Find("name") : nullptr;
    if (name == nullptr || !name->IsString()) continue;
    const Value* value = item.Find("value");
    const Value* type = item.Find("type");
    const Value* item_unk = unk != nullptr ? unk->At(i) : nullptr;
    const bool value_unknown = IsTrue(item_unk != nullptr ? item_unk->Find("value") : nullptr) ||
                               value == nullptr || !value->IsString();
    const bool type_unknown = IsTrue(item_unk != nullptr ? item_unk->Find("type") : nullptr) ||
                              (type != nullptr && !type->IsString());
    const std::string type_text = type != nullptr && type->IsString() ? type->str() : "PLAINTEXT";
    const Location loc = input_.Loc(json::PointerAppend(pointer, i), item.offset());
    if (!type_unknown && (type_text == "PARAMETER_STORE" || type_text == "SECRETS_MANAGER")) {
      SecretRef s;
      s.name = name->str();
      s.value_from =
          value_unknown ? Known<std::string>::Unknown() : Known<std::string>::Of(value->str());
      s.loc = loc;
      w->secrets.push_back(std::move(s));
      continue;
    }
    EnvVar e;
    e.name = name->str();
    // A variable of unknown type is no plain text one can judge.
    e.value_known = !value_unknown && !type_unknown;
    if (e.value_known) e.value = value->str();
    e.loc = loc;
    if (value_unknown && exprs != nullptr) {
      const auto refs =
          refs_.AttributeReferences(exprs->items()[i].Find("value"), in.module, in.key);
      if (refs.size() == 1) e.source_reference = refs[0];
    }
    w->env.push_back(std::move(e));
  }
}

}  // namespace iamlint::plan
