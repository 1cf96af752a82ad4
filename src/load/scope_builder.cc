#include "load/scope_builder.h"

#include <utility>

#include "load/loaders.h"

namespace iamlint {

using json::Value;

int ScopeBuilder::AddPolicy(Policy p) {
  const auto index = static_cast<int>(scope_->policies.size());
  if (!p.is_inline && p.arn.known()) policy_by_arn_.emplace(p.arn.value(), index);
  scope_->policies.push_back(std::move(p));
  return index;
}

int ScopeBuilder::FindPolicy(const std::string& arn) const {
  auto it = policy_by_arn_.find(arn);
  return it == policy_by_arn_.end() ? -1 : it->second;
}

Policy ScopeBuilder::PolicyNamedByArn(const std::string& arn, const Location& loc) {
  Policy p;
  p.display = arn;
  p.arn = Known<std::string>::Of(arn);
  p.aws_managed = arn.find(":iam::aws:policy/") != std::string::npos;
  p.name = Known<std::string>::Of(arn.substr(arn.rfind('/') + 1));
  p.loc = loc;
  p.document = p.aws_managed ? BundledManagedPolicy(arn) : Known<PolicyDocument>::Unknown();
  return p;
}

int ScopeBuilder::PolicyForArn(const std::string& arn, const Location& loc) {
  if (int i = FindPolicy(arn); i >= 0) return i;
  return AddPolicy(PolicyNamedByArn(arn, loc));
}

void ScopeBuilder::AddGrant(std::vector<Grant>* grants, int policy, std::string via, Via kind,
                            Location loc) {
  Grant g;
  g.policy = policy;
  g.via = std::move(via);
  g.loc = std::move(loc);
  g.via_resource = kind == Via::kResource;
  grants->push_back(std::move(g));
}

std::optional<std::string> ScopeBuilder::StringValue(const Value* value) {
  if (value == nullptr || !value->IsString()) return std::nullopt;
  return value->str();
}

namespace {

EnvVar MakeEnv(std::string name, std::optional<std::string> value, Location loc) {
  EnvVar e;
  e.name = std::move(name);
  e.value_known = value.has_value();
  if (value) e.value = std::move(*value);
  e.loc = std::move(loc);
  return e;
}

}  // namespace

std::vector<EnvVar> ScopeBuilder::EnvFromMap(const Value& map, const std::string& pointer,
                                             const LocateFn& locate, const ValueText& text) {
  std::vector<EnvVar> out;
  for (const auto& m : map.members()) {
    out.push_back(
        MakeEnv(m.key, text(m.value.get()), locate(json::PointerAppend(pointer, m.key), *m.value)));
  }
  return out;
}

std::vector<EnvVar> ScopeBuilder::EnvFromList(const Value& list, const std::string& pointer,
                                              std::string_view name_key, std::string_view value_key,
                                              const LocateFn& locate, const ValueText& text) {
  std::vector<EnvVar> out;
  for (size_t i = 0; i < list.items().size(); ++i) {
    const Value& item = list.items()[i];
    const Value* name = item.IsObject() ? item.Find(name_key) : nullptr;
    if (name == nullptr || !name->IsString()) continue;
    out.push_back(MakeEnv(name->str(), text(item.Find(value_key)),
                          locate(json::PointerAppend(pointer, i), item)));
  }
  return out;
}

RoleRef ScopeBuilder::ProfileRole(const ProfileRef& profile) const {
  RoleRef role;
  switch (profile.state) {
    case ProfileRef::State::kResolved:
      return scope_->instance_profiles[static_cast<size_t>(profile.profile)].role;
    case ProfileRef::State::kUnknown:
    case ProfileRef::State::kExternal:
      role.state = RoleRef::State::kUnknown;  // a profile this scope does not show
      break;
    case ProfileRef::State::kAbsent:
    case ProfileRef::State::kRole:
      break;
  }
  role.loc = profile.loc;
  return role;
}

std::vector<ScopeBuilder::TagEntry> ScopeBuilder::SkipTagEntries(const Value& tags,
                                                                 const std::string& pointer,
                                                                 std::string_view key_name,
                                                                 std::string_view value_name) {
  std::vector<TagEntry> out;
  if (tags.IsObject()) {
    if (const Value* v = tags.Find(kSkipTagKey)) {
      out.push_back({v, v, json::PointerAppend(pointer, kSkipTagKey)});
    }
    return out;
  }
  for (size_t i = 0; i < tags.items().size(); ++i) {
    const Value& t = tags.items()[i];
    const Value* k = t.IsObject() ? t.Find(key_name) : nullptr;
    if (k == nullptr || !k->IsString() || k->str() != kSkipTagKey) continue;
    out.push_back({&t, t.Find(value_name), json::PointerAppend(pointer, i)});
  }
  return out;
}

void ScopeBuilder::AddSkipTag(std::string resource, std::string value, Location loc,
                              Location resource_loc) {
  SkipTag tag;
  tag.resource = std::move(resource);
  tag.value = std::move(value);
  tag.loc = std::move(loc);
  tag.resource_loc = std::move(resource_loc);
  scope_->skip_tags.push_back(std::move(tag));
}

}  // namespace iamlint
