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

std::optional<std::string> ScopeBuilder::ScalarValue(const Value* value) {
  if (value == nullptr) return std::nullopt;
  if (value->IsString() || value->IsNumber()) return value->str();
  if (value->IsBool()) return std::string(value->AsBool() ? "true" : "false");
  return std::nullopt;
}

namespace {

/// `obj[key]`: absent when not there (or null), its text when a scalar, else unknown.
Known<std::string> KnownMember(const Value& obj, std::string_view key) {
  const Value* v = obj.Find(key);
  if (v == nullptr || v->IsNull()) return Known<std::string>::Absent();
  if (auto s = ScopeBuilder::ScalarValue(v)) return Known<std::string>::Of(*s);
  return Known<std::string>::Unknown();
}

/// `obj[key]` when it is of type `want`, else nullptr.
const Value* MemberOfType(const Value& obj, std::string_view key, json::Type want) {
  const Value* v = obj.Find(key);
  return v != nullptr && v->type() == want ? v : nullptr;
}

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

Known<bool> ScopeBuilder::FargateFrom(const Value* launch_types) {
  if (launch_types == nullptr || launch_types->IsNull()) return Known<bool>::Of(false);
  if (!launch_types->IsArray()) return Known<bool>::Unknown();
  bool fargate = false;
  for (const Value& t : launch_types->items()) {
    if (!t.IsString()) return Known<bool>::Unknown();
    fargate = fargate || t.str() == "FARGATE";
  }
  return Known<bool>::Of(fargate);
}

Container ScopeBuilder::ContainerFromJson(const Value& def, const std::string& pointer,
                                          const LocateFn& locate) {
  Container c;
  c.loc = locate(pointer, def);
  c.name = ScalarValue(def.Find("name")).value_or("");
  c.image = KnownMember(def, "image");
  if (const Value* env = MemberOfType(def, "environment", json::Type::kArray)) {
    c.env = EnvFromList(*env, json::PointerAppend(pointer, "environment"), "name", "value", locate,
                        ScalarValue);
  }
  if (const Value* secrets = MemberOfType(def, "secrets", json::Type::kArray)) {
    const std::string list_pointer = json::PointerAppend(pointer, "secrets");
    for (size_t i = 0; i < secrets->items().size(); ++i) {
      const Value& s = secrets->items()[i];
      const Value* name = s.IsObject() ? s.Find("name") : nullptr;
      if (name == nullptr || !name->IsString()) continue;
      SecretRef ref;
      ref.name = name->str();
      const Value* from = s.Find("valueFrom");
      ref.value_from = from != nullptr && from->IsString() ? Known<std::string>::Of(from->str())
                                                           : Known<std::string>::Unknown();
      ref.loc = locate(json::PointerAppend(list_pointer, i), s);
      c.secrets.push_back(std::move(ref));
    }
  }
  c.log_driver = Known<std::string>::Absent();
  if (const Value* log = MemberOfType(def, "logConfiguration", json::Type::kObject)) {
    c.log_driver = KnownMember(*log, "logDriver");
    if (const Value* opts = MemberOfType(*log, "options", json::Type::kObject)) {
      for (const auto& m : opts->members()) {
        if (auto s = ScalarValue(m.value.get())) c.log_options.emplace_back(m.key, *s);
      }
    }
  }
  c.repository_credentials = Known<std::string>::Absent();
  if (const Value* rc = MemberOfType(def, "repositoryCredentials", json::Type::kObject)) {
    c.repository_credentials = KnownMember(*rc, "credentialsParameter");
  }
  return c;
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
