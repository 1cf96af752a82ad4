// Building the model of a template: the order resources are read in, IAM roles and their
// policies, what apps and workloads share (the roles they name, their environment variables),
// resource policies, `iamlint:skip` tags.
#include "load/cloudformation/builder.h"

#include <optional>

#include "load/loaders.h"
#include "load/scope_builder.h"

namespace iamlint::cfn {

using json::Value;

void ModelBuilder::Build() {
  const std::vector<std::string>& order = t_.order();
  for (const auto& id : order) {
    if (t_.At(id).type == "AWS::IAM::Role") AddRole(t_.At(id));
  }
  for (const auto& id : order) {
    if (t_.At(id).type == "AWS::IAM::ManagedPolicy") AddManagedPolicy(t_.At(id));
  }
  for (const auto& id : order) {
    const Resource& r = t_.At(id);
    if (r.type == "AWS::IAM::Role") RoleGrants(r);
    if (r.type == "AWS::IAM::Policy" || r.type == "AWS::IAM::RolePolicy") InlinePolicy(r);
  }
  for (const auto& id : order) {
    if (t_.At(id).type == "AWS::Amplify::App") AddApp(t_.At(id));
  }
  for (const auto& id : order) {
    if (t_.At(id).type == "AWS::Amplify::Branch") AddBranch(t_.At(id));
  }
  // Instance profiles first: the EC2 workloads name them.
  for (const auto& id : order) {
    if (t_.At(id).type == "AWS::IAM::InstanceProfile") AddInstanceProfile(t_.At(id));
  }
  for (const auto& id : order) {
    const Resource& r = t_.At(id);
    if (r.type == "AWS::ECS::TaskDefinition") AddEcsTask(r);
    if (r.type == "AWS::Lambda::Function") AddLambda(r);
    // Only a template declaring the SAM transform has its resources turned into CloudFormation.
    if (r.type == "AWS::Serverless::Function" && t_.sam()) AddSamFunction(r);
    if (r.type == "AWS::EC2::Instance" || r.type == "AWS::EC2::LaunchTemplate") AddEc2(r);
    if (r.type == "AWS::CodeBuild::Project") AddCodeBuild(r);
  }
  for (const auto& id : order) AddResourcePolicy(t_.At(id));
  for (const auto& id : order) AddSkipTags(t_.At(id));
  // A policy for a role the template does not name exactly may be any role's.
  if (any_role_incomplete_) {
    for (auto& role : scope_->roles) role.grants_complete = false;
  }
}

void ModelBuilder::AddRole(const Resource& r) {
  Role role;
  role.display = r.display;
  role.loc = Loc(r);
  Str n = Eval(Template::Prop(r, "RoleName"));
  role.name = n.exact() ? Known<std::string>::Of(n.text) : Known<std::string>::Unknown();
  role.arn = Known<std::string>::Unknown();  // the account is not in the template
  role.trust = docs_.Document(Template::Prop(r, "AssumeRolePolicyDocument"),
                              Template::PropPointer(r, "AssumeRolePolicyDocument"));
  role_of_[r.id] = static_cast<int>(scope_->roles.size());
  if (role.name.known()) {
    role_by_name_.emplace(role.name.value(), static_cast<int>(scope_->roles.size()));
  }
  scope_->roles.push_back(std::move(role));
}

void ModelBuilder::AddManagedPolicy(const Resource& r) {
  Policy p;
  p.display = r.display;
  p.loc = Loc(r);
  Str n = Eval(Template::Prop(r, "ManagedPolicyName"));
  p.name = NameOf(n);
  p.arn = Known<std::string>::Unknown();
  p.document = docs_.Document(Template::Prop(r, "PolicyDocument"),
                              Template::PropPointer(r, "PolicyDocument"));
  std::string path = "/";
  if (n.exact()) {
    if (const Value* pv = Template::Prop(r, "Path")) {
      Str ps = ev_.Resolve(*pv, 0);
      path = ps.exact() ? ps.text : "";
    }
  }
  int idx = builder_.AddPolicy(std::move(p));
  managed_of_[r.id] = idx;
  if (n.exact() && !path.empty()) {
    // Two policies of one name: the first logical ID in sorted order, as before.
    auto [it, fresh] = managed_by_path_name_.try_emplace(path + n.text, r.id, idx);
    if (!fresh && r.id < it->second.first) it->second = {r.id, idx};
  }
  for (int role : RolesOf(r, "Roles")) {
    ScopeBuilder::AddGrant(&scope_->roles[static_cast<size_t>(role)].grants, idx, r.display,
                           ScopeBuilder::Via::kResource, Loc(r));
  }
}

void ModelBuilder::RoleGrants(const Resource& r) {
  Role& role = scope_->roles[static_cast<size_t>(role_of_[r.id])];
  if (const Value* pb = Template::Prop(r, "PermissionsBoundary")) {
    role.boundary = Boundary(*pb, Template::PropPointer(r, "PermissionsBoundary"));
  }
  if (const Value* pols = Template::Prop(r, "Policies")) {
    if (!pols->IsArray()) {
      role.grants_complete = false;  // e.g. Fn::If over whole lists
    } else {
      RoleInlinePolicies(r, *pols, &role);
    }
  }
  if (const Value* arns = Template::Prop(r, "ManagedPolicyArns")) {
    if (!arns->IsArray()) {
      role.grants_complete = false;
    } else {
      RoleManagedPolicies(r, *arns, &role);
    }
  }
}

/// A role's `Policies`: inline policies of its own.
void ModelBuilder::RoleInlinePolicies(const Resource& r, const Value& list, Role* role) {
  for (size_t i = 0; i < list.items().size(); ++i) {
    const Value& b = list.items()[i];
    std::string bp = json::PointerAppend(Template::PropPointer(r, "Policies"), i);
    if (!b.IsObject()) {
      role->grants_complete = false;
      continue;
    }
    Policy p;
    p.is_inline = true;
    Str n = Eval(b.Find("PolicyName"));
    p.name = NameOf(n);
    p.display = r.display + " policy \"" + n.Name("?") + "\"";
    p.loc = t_.Loc(bp, &b);
    p.document =
        docs_.Document(b.Find("PolicyDocument"), json::PointerAppend(bp, "PolicyDocument"));
    if (p.document.absent()) p.document = Known<PolicyDocument>::Unknown();
    int idx = builder_.AddPolicy(std::move(p));
    ScopeBuilder::AddGrant(&role->grants, idx, "Policies", ScopeBuilder::Via::kAttribute,
                           t_.Loc(bp, &b));
  }
}

/// A role's `ManagedPolicyArns`: managed policies of this template (by Ref, or by name in an
/// ARN), or exact ARNs (AWS managed, bundled).
void ModelBuilder::RoleManagedPolicies(const Resource& r, const Value& list, Role* role) {
  for (size_t i = 0; i < list.items().size(); ++i) {
    const Value& a = list.items()[i];
    std::string ap = json::PointerAppend(Template::PropPointer(r, "ManagedPolicyArns"), i);
    Str s = ev_.Resolve(a, 0);
    if (s.state == Str::State::kAbsent) continue;
    const int policy = PolicyNamedBy(s, t_.Loc(ap, &a));
    if (policy < 0) {
      role->grants_complete = false;
      continue;
    }
    ScopeBuilder::AddGrant(&role->grants, policy, "ManagedPolicyArns",
                           ScopeBuilder::Via::kAttribute, t_.Loc(ap, &a));
  }
}

/// A role's PermissionsBoundary (`v`, at `pointer`): a managed policy of this template (by Ref or
/// by its name in an ARN), an exact ARN (AWS managed or another account's), or unknown.
PolicyRef ModelBuilder::Boundary(const Value& v, const std::string& pointer) {
  PolicyRef ref;
  ref.loc = t_.Loc(pointer, &v);
  Str s = ev_.Resolve(v, 0);
  if (s.state == Str::State::kAbsent) return ref;  // e.g. !If [c, arn, !Ref AWS::NoValue]
  ref.policy = PolicyNamedBy(s, ref.loc);
  ref.state = ref.policy >= 0 ? PolicyRef::State::kResolved : PolicyRef::State::kUnknown;
  return ref;
}

/// The managed policy a value names (written at `loc`): one of this template (by Ref, or by
/// its name in an ARN), or an exact ARN (`arn:${AWS::Partition}:iam::aws:policy/X` is exact:
/// AWS managed, bundled); -1 when it cannot be told.
int ModelBuilder::PolicyNamedBy(const Str& s, const Location& loc) {
  if (auto m = managed_of_.find(s.ref); !s.ref.empty() && m != managed_of_.end()) {
    return m->second;
  }
  if (int named = ManagedPolicyNamed(s); named >= 0) return named;
  if (s.exact() && s.text.find('*') == std::string::npos) return builder_.PolicyForArn(s.text, loc);
  return -1;
}

/// AWS::IAM::Policy (for the roles it lists) and AWS::IAM::RolePolicy (for the role it names).
void ModelBuilder::InlinePolicy(const Resource& r) {
  Policy p;
  p.is_inline = true;
  Str n = Eval(Template::Prop(r, "PolicyName"));
  p.name = NameOf(n);
  p.display = r.display;
  p.loc = Loc(r);
  p.document = docs_.Document(Template::Prop(r, "PolicyDocument"),
                              Template::PropPointer(r, "PolicyDocument"));
  if (p.document.absent()) p.document = Known<PolicyDocument>::Unknown();
  int idx = builder_.AddPolicy(std::move(p));
  std::vector<int> roles;
  if (r.type == "AWS::IAM::RolePolicy") {
    Str name = Eval(Template::Prop(r, "RoleName"));
    int role = RoleNamed(name);
    if (role >= 0) {
      roles.push_back(role);
    } else if (!name.exact()) {
      any_role_incomplete_ = true;  // it may be any of them
    }
  } else {
    roles = RolesOf(r, "Roles");
  }
  for (int role : roles) {
    ScopeBuilder::AddGrant(&scope_->roles[static_cast<size_t>(role)].grants, idx, r.display,
                           ScopeBuilder::Via::kResource, Loc(r));
  }
}

/// A customer managed policy of this template named by ARN (`arn:aws:iam::${AWS::AccountId}:
/// policy/my-app-data`): its ManagedPolicyName and Path are in the template, the account is
/// not. -1 when none is.
int ModelBuilder::ManagedPolicyNamed(const Str& s) const {
  if (!s.known() || s.text.find(":iam::aws:policy/") != std::string::npos) return -1;
  const size_t at = s.text.find(":policy/");
  if (s.text.rfind("arn:", 0) != 0 || at == std::string::npos) return -1;
  auto it = managed_by_path_name_.find(s.text.substr(at + std::string(":policy").size()));
  return it != managed_by_path_name_.end() ? it->second.second : -1;
}

/// The role a value names: by Ref / GetAtt / ${X} of a role resource, or by name or ARN.
int ModelBuilder::RoleNamed(const Str& s) const {
  if (!s.ref.empty()) {
    auto it = role_of_.find(s.ref);
    if (it != role_of_.end()) return it->second;
  }
  if (!s.exact()) return -1;
  std::string name = s.text;
  if (size_t role = name.find(":role/"); role != std::string::npos) {
    name = name.substr(name.rfind('/') + 1);
  }
  auto it = role_by_name_.find(name);
  return it != role_by_name_.end() ? it->second : -1;
}

/// Roles listed by `Roles` (AWS::IAM::Policy, AWS::IAM::ManagedPolicy). Unresolved entries
/// leave roles of this template that may be meant incomplete.
std::vector<int> ModelBuilder::RolesOf(const Resource& r, const char* prop) {
  std::vector<int> out;
  const Value* list = Template::Prop(r, prop);
  if (list == nullptr) return out;
  auto add = [&](const Value& v) {
    int idx = RoleNamed(ev_.Resolve(v, 0));
    if (idx >= 0) {
      out.push_back(idx);
    } else if (!ev_.Resolve(v, 0).exact()) {
      any_role_incomplete_ = true;
    }
  };
  if (list->IsArray()) {
    for (const auto& v : list->items()) add(v);
  } else {
    add(*list);
  }
  return out;
}

/// The role property `prop` of `r` names (see RoleRefAt).
RoleRef ModelBuilder::RefTo(const Resource& r, const char* prop) const {
  return RoleRefAt(Template::Prop(r, prop), Template::PropPointer(r, prop), Loc(r));
}

/// The role a value `v` (at `pointer`) names: a role of this template, another account's role
/// (an exact ARN, or a name), or unknown; absent when not set (then located at `unset`).
RoleRef ModelBuilder::RoleRefAt(const Value* v, const std::string& pointer,
                                const Location& unset) const {
  RoleRef ref;
  ref.loc = v != nullptr ? t_.Loc(pointer, v) : unset;
  if (v == nullptr) return ref;  // kAbsent
  Str s = ev_.Resolve(*v, 0);
  if (s.state == Str::State::kAbsent) return ref;
  int idx = RoleNamed(s);
  if (idx >= 0) {
    ref.state = RoleRef::State::kResolved;
    ref.role = idx;
    ref.arn = s.exact() ? s.text : scope_->roles[static_cast<size_t>(idx)].arn.value_or("");
    return ref;
  }
  if (s.exact() && s.text.find('*') == std::string::npos) {
    ref.state = RoleRef::State::kExternal;
    ref.arn = s.text;
    return ref;
  }
  ref.state = RoleRef::State::kUnknown;
  return ref;
}

namespace {

/// An environment variable's value: its text when known exactly, else unknown. An entry
/// without one is the empty string.
ScopeBuilder::ValueText ExactText(const Evaluator& ev) {
  return [&ev](const Value* value) -> std::optional<std::string> {
    Str s = value != nullptr ? ev.Resolve(*value, 0) : Val("");
    if (!s.exact()) return std::nullopt;
    return s.text;
  };
}

}  // namespace

/// `[{Name, Value}]` environment variables; a value not known exactly is unknown.
std::vector<EnvVar> ModelBuilder::EnvOf(const Value* list, const std::string& pointer) const {
  if (list == nullptr || !list->IsArray()) return {};
  auto locate = [this](const std::string& p, const Value& at) { return t_.Loc(p, &at); };
  return ScopeBuilder::EnvFromList(*list, pointer, "Name", "Value", locate, ExactText(ev_));
}

/// `{NAME: value}` environment variables (Lambda's `Environment.Variables`), each located at
/// its value; a value not known exactly is unknown.
std::vector<EnvVar> ModelBuilder::EnvOfMap(const Value& map, const std::string& pointer) const {
  auto locate = [this](const std::string& p, const Value& at) { return t_.Loc(p, &at); };
  return ScopeBuilder::EnvFromMap(map, pointer, locate, ExactText(ev_));
}

/// Whether `v` (at `pointer`; null: not set) is of the type `want`. An intrinsic function
/// there (`Fn::If`, `Ref`...) is a value known only at deploy: not the type, silently. Any
/// other type is a located input error naming `what`.
bool ModelBuilder::Shaped(const Value* v, const std::string& pointer, json::Type want,
                          const std::string& what) const {
  if (v == nullptr || !IntrinsicName(*v).empty()) return false;
  if (v->type() == want) return true;
  t_.Error(v, pointer,
           what + " must be " + json::TypeNameWithArticle(want) + ", not " +
               json::TypeNameWithArticle(v->type()) + "; it was not read");
  return false;
}

/// Bucket, queue, topic, key and secret policies. The resource's ARN is known only for a
/// bucket named by an exact string; otherwise it is unknown (the rules still read the text).
void ModelBuilder::AddResourcePolicy(const Resource& r) {
  struct Kind {
    const char* type;
    const char* service;
    const char* document;
  };
  static constexpr Kind kKinds[] = {
      {"AWS::S3::BucketPolicy", "s3", "PolicyDocument"},
      {"AWS::SQS::QueuePolicy", "sqs", "PolicyDocument"},
      {"AWS::SNS::TopicPolicy", "sns", "PolicyDocument"},
      {"AWS::KMS::Key", "kms", "KeyPolicy"},
      {"AWS::SecretsManager::ResourcePolicy", "secretsmanager", "ResourcePolicy"},
  };
  const Kind* kind = nullptr;
  for (const auto& k : kKinds) {
    if (r.type == k.type) kind = &k;
  }
  if (kind == nullptr) return;
  ResourcePolicy rp;
  rp.display = r.display;
  rp.service = kind->service;
  rp.loc = Loc(r);
  rp.arn = Known<std::string>::Unknown();
  if (rp.service == "s3") {
    if (const Value* b = Template::Prop(r, "Bucket")) {
      Str name = ev_.Resolve(*b, 0);
      if (name.exact()) rp.arn = Known<std::string>::Of("arn:aws:s3:::" + name.text);
    }
  }
  rp.document =
      docs_.Document(Template::Prop(r, kind->document), Template::PropPointer(r, kind->document));
  if (rp.document.absent()) return;  // a key without KeyPolicy: nothing of ours to read
  scope_->resource_policies.push_back(std::move(rp));
}

/// `Tags: [{Key: iamlint:skip, Value: "RULE: reason"}]` (or a map, as SAM writes tags).
void ModelBuilder::AddSkipTags(const Resource& r) {
  const Value* tags = Template::Prop(r, "Tags");
  if (tags == nullptr || (!tags->IsArray() && !tags->IsObject())) return;
  for (const auto& tag :
       ScopeBuilder::SkipTagEntries(*tags, Template::PropPointer(r, "Tags"), "Key", "Value")) {
    if (tag.value == nullptr) continue;
    Str s = ev_.Resolve(*tag.value, 0);
    if (s.exact()) builder_.AddSkipTag(r.display, s.text, t_.Loc(tag.pointer, tag.value), Loc(r));
  }
}

}  // namespace iamlint::cfn
