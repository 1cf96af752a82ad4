// Building the account scope from the records of a run's AWS CLI dumps, one function per kind
// of thing built: managed and inline policies, roles, users and groups, the get-*-policy
// outputs, the policies no identity holds, loose documents, Amplify apps and branches,
// instance profiles and workloads (ECS task definitions, Lambda functions, EC2 instances,
// CodeBuild projects).
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "load/aws_cli/dumps.h"
#include "load/aws_cli/fields.h"
#include "load/loaders.h"
#include "load/scope_builder.h"

namespace iamlint {
namespace aws_cli {
namespace {

using json::Value;

std::string Str(const Value& obj, const char* key) {
  const Value* v = obj.Find(key);
  return v != nullptr && v->IsString() ? v->str() : std::string();
}

/// `arn:aws:amplify:region:acct:apps/ID/branches/NAME` -> app ARN and branch name.
bool SplitBranchArn(const std::string& arn, std::string* app_arn, std::string* branch) {
  size_t pos = arn.find("/branches/");
  if (pos == std::string::npos) return false;
  *app_arn = arn.substr(0, pos);
  *branch = arn.substr(pos + 10);
  return true;
}

std::string AppIdFromArn(const std::string& arn) {
  size_t pos = arn.find(":apps/");
  if (pos == std::string::npos) return "";
  std::string rest = arn.substr(pos + 6);
  return rest.substr(0, rest.find('/'));
}

/// A policy document in a dump: an object, a JSON string, or URL-encoded JSON.
Known<PolicyDocument> DumpDocument(const InputFile& file, const Value* v,
                                   const std::string& pointer, std::vector<LoadError>* errors) {
  if (v == nullptr || v->IsNull()) return Known<PolicyDocument>::Absent();
  Location loc{file.path, pointer, file.doc.LineOf(v->offset())};
  if (v->IsObject()) return Known<PolicyDocument>::Of(PolicyFromJson(*v, loc, &file.doc.lines()));
  if (v->IsString()) {
    json::Document doc;
    std::string err;
    if (!ParsePolicyText(v->str(), &doc, &err)) {
      errors->push_back({file.path, loc.line, pointer, err});
      return Known<PolicyDocument>::Unknown();
    }
    return Known<PolicyDocument>::Of(PolicyFromJson(doc.root(), loc, nullptr));
  }
  errors->push_back(
      {file.path, loc.line, pointer, "policy document is " + json::TypeNameWithArticle(v->type())});
  return Known<PolicyDocument>::Unknown();
}

/// Inline policies of roles are named by the role's name (as they always were); of users and
/// groups by "user/NAME" and "group/NAME", which cannot be mistaken for a role.
std::string OwnerName(HolderKind kind, const std::string& name) {
  return kind == kRole ? name : std::string(kHolder[kind].noun) + "/" + name;
}

class AccountAssembler {
 public:
  AccountAssembler(Dumps* d, std::vector<LoadError>* errors)
      : d_(*d), errors_(errors), builder_(&s_) {}

  Scope Build() {
    s_.kind = Scope::Kind::kAwsAccount;
    s_.name = "AWS account (" + std::to_string(d_.files) + " CLI files)";
    AttributeAttachedPolicies();
    AddRoles();
    AddUsersAndGroups();
    AddNamedInlinePolicies();
    AddUnheldManagedPolicies();
    AddDocuments();
    AddApps();
    AddBranches();
    AddInstanceProfiles();
    AddTaskDefinitions();
    AddFunctions();
    AddInstances();
    AddProjects();
    return std::move(s_);
  }

 private:
  using Located = Dumps::Located;

  /// A managed policy by ARN (made once, named `name`): its document from authorization
  /// details when shown, else bundled when AWS managed, else unknown.
  int PolicyForArn(const std::string& arn, const std::string& name, const Location& where) {
    if (int i = builder_.FindPolicy(arn); i >= 0) return i;
    Policy p = ScopeBuilder::PolicyNamedByArn(arn, where);
    p.name = Known<std::string>::Of(name);
    if (auto m = d_.managed.find(arn); m != d_.managed.end()) {
      p.loc = d_.Loc(m->second.entry);
      if (const Located& doc = m->second.document; doc.value != nullptr) {
        p.document = DumpDocument(*doc.file, doc.value, doc.pointer, errors_);
      }
    }
    return builder_.AddPolicy(std::move(p));
  }

  int InlinePolicy(const Located& at, const std::string& name, const std::string& owner,
                   const std::string& doc_pointer) {
    Policy p;
    p.is_inline = true;
    p.name = Known<std::string>::Of(name);
    p.display = owner + " inline policy \"" + name + "\"";
    p.loc = d_.Loc(at);
    p.document = DumpDocument(*at.file, at.value->Find("PolicyDocument"), doc_pointer, errors_);
    return builder_.AddPolicy(std::move(p));
  }

  std::vector<Grant> GrantsOf(HolderKind kind, const Dumps::Holder& h) {
    std::vector<Grant> out;
    for (const auto& ip : h.inline_policies) {
      const int p = InlinePolicy(ip.entry, ip.name, OwnerName(kind, h.name),
                                 ip.entry.pointer + "/PolicyDocument");
      ScopeBuilder::AddGrant(&out, p, kHolder[kind].inline_list, ScopeBuilder::Via::kAttribute,
                             d_.Loc(ip.entry));
    }
    for (const auto& at : h.attached) {
      const int p = PolicyForArn(at.arn, at.name, d_.Loc(at.entry));
      ScopeBuilder::AddGrant(&out, p, "AttachedManagedPolicies", ScopeBuilder::Via::kAttribute,
                             d_.Loc(at.entry));
    }
    return out;
  }

  /// get-role, get-user and authorization details name the boundary as
  /// {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": ARN}; absent when none.
  PolicyRef BoundaryOf(const Dumps::Holder& h) {
    PolicyRef ref;
    const Located& b = h.boundary;
    if (b.value == nullptr) return ref;
    const Fields f(*b.file, errors_);
    const std::string barn = f.String(*b.value, "PermissionsBoundaryArn", b.pointer);
    const Value* at = b.value->Find("PermissionsBoundaryArn");
    ref.loc = Location{b.file->path, b.pointer,
                       b.file->doc.LineOf((at != nullptr ? at : b.value)->offset())};
    if (barn.empty()) {
      ref.state = PolicyRef::State::kUnknown;
    } else {
      ref.state = PolicyRef::State::kResolved;
      ref.policy = PolicyForArn(barn, barn.substr(barn.rfind('/') + 1), ref.loc);
    }
    return ref;
  }

  /// list-attached-role-policies entries go to the role of get-role when there is exactly one.
  void AttributeAttachedPolicies() {
    if (d_.unattributed.empty()) return;
    std::vector<Dumps::Holder*> from_get_role;
    for (auto& [arn, rec] : d_.holders[kRole]) {
      if (!rec.from_details) from_get_role.push_back(&rec);
    }
    if (from_get_role.size() != 1) return;
    for (const auto& l : d_.unattributed) {
      from_get_role[0]->attached.push_back(
          {l, Str(*l.value, "PolicyArn"), Str(*l.value, "PolicyName")});
    }
  }

  void AddRoles() {
    for (auto& [arn, rec] : d_.holders[kRole]) {
      Role r;
      r.display = arn;
      r.arn = Known<std::string>::Of(arn);
      r.name = Known<std::string>::Of(rec.name);
      r.loc = d_.Loc(rec.self);
      r.trust = DumpDocument(*rec.self.file, rec.self.value->Find("AssumeRolePolicyDocument"),
                             rec.self.pointer + "/AssumeRolePolicyDocument", errors_);
      r.grants = GrantsOf(kRole, rec);
      r.grants_complete = rec.from_details;
      r.boundary = BoundaryOf(rec);
      SkipTagsIn(r.display, rec.self, "Tags", r.loc);
      role_by_arn_[arn] = static_cast<int>(s_.roles.size());
      s_.roles.push_back(std::move(r));
    }
  }

  void AddUsersAndGroups() {
    for (HolderKind kind : {kUser, kGroup}) {
      for (auto& [arn, rec] : d_.holders[kind]) {
        UserOrGroup ug;
        ug.kind = kind == kUser ? UserOrGroup::Kind::kUser : UserOrGroup::Kind::kGroup;
        ug.display = arn;
        ug.name = Known<std::string>::Of(rec.name);
        ug.loc = d_.Loc(rec.self);
        ug.grants = GrantsOf(kind, rec);
        ug.boundary = BoundaryOf(rec);
        SkipTagsIn(ug.display, rec.self, "Tags", ug.loc);
        user_or_group_by_arn_[kind][arn] = static_cast<int>(s_.users_and_groups.size());
        s_.users_and_groups.push_back(std::move(ug));
      }
    }
  }

  /// get-*-policy outputs: granted to their identity when this run shows it.
  void AddNamedInlinePolicies() {
    for (const auto& np : d_.named_inline) {
      const int p =
          InlinePolicy(np.root, np.name, OwnerName(np.kind, np.holder), "/PolicyDocument");
      // A policy of an identity this run shows nothing else of is still linted, on its own.
      auto arn = d_.arn_by_name[np.kind].find(np.holder);
      if (arn == d_.arn_by_name[np.kind].end()) continue;
      std::vector<Grant>* grants =
          np.kind == kRole ? &s_.roles[static_cast<size_t>(role_by_arn_[arn->second])].grants
                           : &s_.users_and_groups[static_cast<size_t>(
                                                      user_or_group_by_arn_[np.kind][arn->second])]
                                  .grants;
      ScopeBuilder::AddGrant(grants, p, std::string("get-") + kHolder[np.kind].noun + "-policy",
                             ScopeBuilder::Via::kAttribute, d_.Loc(np.root));
    }
  }

  /// Customer managed policies no identity of this run holds (attached to nobody, or to
  /// identities a filtered dump leaves out) are linted too: they are the account's text. One
  /// that only ever serves as a permissions boundary (AttachmentCount 0,
  /// PermissionsBoundaryUsageCount > 0) of identities not shown here grants nothing and is left
  /// out, its document still read for errors.
  void AddUnheldManagedPolicies() {
    for (const auto& [arn, m] : d_.managed) {
      if (builder_.FindPolicy(arn) >= 0 || arn.find(":iam::aws:policy/") != std::string::npos) {
        continue;
      }
      if (m.attachments == 0 && m.boundary_uses > 0) {
        if (m.document.value != nullptr) {
          DumpDocument(*m.document.file, m.document.value, m.document.pointer, errors_);
        }
        continue;
      }
      PolicyForArn(arn, m.name, d_.Loc(m.entry));
    }
  }

  /// get-policy-version documents.
  void AddDocuments() {
    for (const auto& doc : d_.documents) {
      auto pd = DumpDocument(*doc.file, doc.value, doc.pointer, errors_);
      if (pd.known()) s_.documents.push_back(pd.value());
    }
  }

  /// Where node `at` of `file` is, written at `pointer`.
  static ScopeBuilder::LocateFn LocateIn(const InputFile& file) {
    return [&file](const std::string& pointer, const Value& at) {
      return Location{file.path, pointer, file.doc.LineOf(at.offset())};
    };
  }

  /// The role a dump names by ARN (or by name, which CodeBuild also takes), written at `where`:
  /// this account's role when the run shows it, else external; absent when `arn_or_name` is "".
  RoleRef RoleNamed(const std::string& arn_or_name, Location where) const {
    RoleRef ref;
    ref.loc = std::move(where);
    if (arn_or_name.empty()) return ref;  // the CLI omits unset fields: known absent
    ref.arn = arn_or_name;
    if (arn_or_name.rfind("arn:", 0) != 0) {
      if (auto n = d_.arn_by_name[kRole].find(arn_or_name); n != d_.arn_by_name[kRole].end()) {
        ref.arn = n->second;
      }
    }
    if (auto it = role_by_arn_.find(ref.arn); it != role_by_arn_.end()) {
      ref.state = RoleRef::State::kResolved;
      ref.role = it->second;
    } else {
      ref.state = RoleRef::State::kExternal;
    }
    return ref;
  }

  RoleRef RoleRefOf(const Fields& f, const Located& owner, const char* key,
                    const Location& where) const {
    return RoleNamed(f.String(*owner.value, key, owner.pointer), where);
  }

  /// The role `owner[key]` names, located at that field (at `owner` when it is not set). A
  /// value of the wrong type (an error) is a role the dump does not reveal.
  RoleRef RoleField(const Fields& f, const Located& owner, const char* key) const {
    const Value* v = owner.value->Find(key);
    if (v == nullptr || v->IsNull()) return RoleNamed("", d_.Loc(owner));
    RoleRef ref = RoleNamed(f.String(*owner.value, key, owner.pointer),
                            LocateIn(*owner.file)(json::PointerAppend(owner.pointer, key), *v));
    if (!v->IsString()) ref.state = RoleRef::State::kUnknown;
    return ref;
  }

  /// The `iamlint:skip` tags of a dumped resource shown as `display`: `tags` (at `pointer`),
  /// a map or a list of {Key, Value} (CodeBuild and ECS: {key, value}); each covers findings
  /// on the resource and inside `owner`, the resource's object.
  void SkipTags(const std::string& display, const InputFile& file, const Value* tags,
                const std::string& pointer, const Location& owner) {
    if (tags == nullptr || (!tags->IsObject() && !tags->IsArray())) return;
    const bool lower = tags->IsArray() && !tags->items().empty() && tags->items()[0].IsObject() &&
                       tags->items()[0].Find("key") != nullptr;
    for (const auto& t : ScopeBuilder::SkipTagEntries(*tags, pointer, lower ? "key" : "Key",
                                                      lower ? "value" : "Value")) {
      if (t.value == nullptr || !t.value->IsString()) continue;
      builder_.AddSkipTag(display, t.value->str(), LocateIn(file)(t.pointer, *t.item), owner);
    }
  }

  /// The tags inside `l`'s object, at `key`.
  void SkipTagsIn(const std::string& display, const Located& l, const char* key,
                  const Location& owner) {
    SkipTags(display, *l.file, l.value->Find(key), json::PointerAppend(l.pointer, key), owner);
  }

  /// The tags a dump prints beside the object (get-function's `Tags`, describe-task-definition's
  /// `tags`), recorded by the collector under the object's key.
  void SkipTagsBeside(const std::string& display, const std::string& key, const Location& owner) {
    auto it = d_.tags_beside.find(key);
    if (it == d_.tags_beside.end()) return;
    const Located& t = it->second;
    SkipTags(display, *t.file, t.value, t.pointer, owner);
  }

  /// `parent[key]`, a map {NAME: value}; each located at its value.
  static std::vector<EnvVar> EnvOf(const Fields& f, const Located& owner, const Value& parent,
                                   const std::string& parent_pointer,
                                   const char* key = "environmentVariables") {
    const Value* vars = f.Object(parent, key, parent_pointer);
    if (vars == nullptr) return {};
    return ScopeBuilder::EnvFromMap(*vars, json::PointerAppend(parent_pointer, key),
                                    LocateIn(*owner.file));
  }

  void AddApps() {
    for (const auto& [arn, l] : d_.apps) {
      const Value& a = *l.value;
      const Fields f(*l.file, errors_);
      App app;
      std::string id = f.String(a, "appId", l.pointer);
      app.display = id.empty() ? arn : id;
      app.name = Known<std::string>::Of(f.String(a, "name", l.pointer));
      app.arn = Known<std::string>::Of(arn);
      std::string platform = f.String(a, "platform", l.pointer);
      app.platform = Known<std::string>::Of(platform.empty() ? "WEB" : platform);
      app.loc = d_.Loc(l);
      SkipTagsIn(app.display, l, "tags", app.loc);
      app.service_role = RoleRefOf(f, l, "iamServiceRoleArn", app.loc);
      app.compute_role = RoleRefOf(f, l, "computeRoleArn", app.loc);
      app.env = EnvOf(f, l, a, l.pointer);
      app.auto_branch_creation = f.Bool(a, "enableBranchAutoCreation", l.pointer);
      if (const Value* abc = f.Object(a, "autoBranchCreationConfig", l.pointer)) {
        const std::string abc_pointer = l.pointer + "/autoBranchCreationConfig";
        app.pull_request_previews = f.Bool(*abc, "enablePullRequestPreview", abc_pointer);
        app.auto_branch_env = EnvOf(f, l, *abc, abc_pointer);
      }
      app_by_arn_[arn] = static_cast<int>(s_.apps.size());
      s_.apps.push_back(std::move(app));
    }
  }

  void AddBranches() {
    for (const auto& [arn, l] : d_.branches) {
      const Value& b = *l.value;
      const Fields f(*l.file, errors_);
      Branch br;
      std::string app_arn;
      std::string name;
      SplitBranchArn(arn, &app_arn, &name);
      const std::string branch_name = f.String(b, "branchName", l.pointer);
      br.name = branch_name.empty() ? name : branch_name;
      br.display = AppIdFromArn(arn) + "/" + br.name;
      br.loc = d_.Loc(l);
      br.compute_role = RoleRefOf(f, l, "computeRoleArn", br.loc);
      br.env = EnvOf(f, l, b, l.pointer);
      std::string fw = f.String(b, "framework", l.pointer);
      br.framework = fw.empty() ? Known<std::string>::Absent() : Known<std::string>::Of(fw);
      br.pull_request_preview = f.Bool(b, "enablePullRequestPreview", l.pointer);
      if (auto it = app_by_arn_.find(app_arn); it != app_by_arn_.end()) br.app = it->second;
      int bi = static_cast<int>(s_.branches.size());
      if (br.app >= 0) s_.apps[static_cast<size_t>(br.app)].branches.push_back(bi);
      s_.branches.push_back(std::move(br));
    }
  }

  /// Instance profiles (get-instance-profile, list-instance-profiles, InstanceProfileList):
  /// the role of `Roles` (an instance profile holds at most one), resolved by ARN.
  void AddInstanceProfiles() {
    for (const auto& [arn, l] : d_.instance_profiles) {
      const Fields f(*l.file, errors_);
      InstanceProfile ip;
      ip.display = arn;
      ip.arn = Known<std::string>::Of(arn);
      ip.name = KnownIfSet(f.String(*l.value, "InstanceProfileName", l.pointer));
      ip.loc = d_.Loc(l);
      SkipTagsIn(ip.display, l, "Tags", ip.loc);
      ip.role.loc = ip.loc;
      const Value* roles = f.Typed(*l.value, "Roles", l.pointer, json::Type::kArray);
      if (const Value* v = l.value->Find("Roles");
          roles == nullptr && v != nullptr && !v->IsNull()) {
        ip.role.state = RoleRef::State::kUnknown;  // of the wrong type: the error is reported
      }
      if (roles != nullptr && !roles->items().empty()) {
        const Value& first = roles->items()[0];
        const std::string p = json::PointerAppend(json::PointerAppend(l.pointer, "Roles"), 0);
        if (first.IsObject()) {
          ip.role = RoleField(f, Located{l.file, &first, p}, "Arn");
        } else {
          f.Error(
              first, p,
              "Roles entry is " + json::TypeNameWithArticle(first.type()) + ", expected an object");
          ip.role.state = RoleRef::State::kUnknown;
        }
      }
      profile_by_arn_[arn] = static_cast<int>(s_.instance_profiles.size());
      s_.instance_profiles.push_back(std::move(ip));
    }
  }

  static Known<std::string> KnownIfSet(const std::string& s) {
    return s.empty() ? Known<std::string>::Absent() : Known<std::string>::Of(s);
  }

  /// A workload of `platform` recorded by `key` (its ARN or ID), located at its object.
  Workload WorkloadAt(Workload::Platform platform, const std::string& key, const Located& l) {
    Workload w;
    w.platform = platform;
    w.display = key;
    w.loc = d_.Loc(l);
    return w;
  }

  /// describe-task-definition's taskDefinition: the task role (what the containers' code runs
  /// as), the execution role (what ECS uses to pull images, write logs, fetch secrets), and
  /// the containers. Without a containerDefinitions list nothing is concluded about them.
  void AddTaskDefinitions() {
    for (const auto& [arn, l] : d_.task_definitions) {
      const Fields f(*l.file, errors_);
      Workload w = WorkloadAt(Workload::Platform::kEcs, arn, l);
      w.arn = Known<std::string>::Of(arn);
      w.name = KnownIfSet(f.String(*l.value, "family", l.pointer));
      w.runtime_role = RoleField(f, l, "taskRoleArn");
      w.platform_role = RoleField(f, l, "executionRoleArn");
      // What it was registered for, and what ECS found it compatible with.
      const Known<bool> required =
          ScopeBuilder::FargateFrom(l.value->Find("requiresCompatibilities"));
      const Known<bool> compatible = ScopeBuilder::FargateFrom(l.value->Find("compatibilities"));
      w.fargate =
          (required.known() && required.value()) || (compatible.known() && compatible.value())
              ? Known<bool>::Of(true)
          : required.known() && compatible.known() ? Known<bool>::Of(false)
                                                   : Known<bool>::Unknown();
      const Value* defs = f.Typed(*l.value, "containerDefinitions", l.pointer, json::Type::kArray);
      w.definition_known = defs != nullptr;
      if (defs != nullptr) {
        const ScopeBuilder::LocateFn locate = LocateIn(*l.file);
        f.EachEntry(*l.value, "containerDefinitions", l.pointer,
                    [&](const Value& def, const std::string& p) {
                      w.containers.push_back(ScopeBuilder::ContainerFromJson(def, p, locate));
                    });
        if (w.containers.size() != defs->items().size()) w.definition_known = false;
      }
      SkipTagsBeside(w.display, arn, w.loc);
      s_.workloads.push_back(std::move(w));
    }
  }

  /// Lambda functions (get-function's Configuration, get-function-configuration, a
  /// list-functions entry): the execution role `Role` and `Environment.Variables`.
  void AddFunctions() {
    for (const auto& [key, l] : d_.functions) {
      const Fields f(*l.file, errors_);
      Workload w = WorkloadAt(Workload::Platform::kLambda, key, l);
      const std::string name = f.String(*l.value, "FunctionName", l.pointer);
      if (key.rfind("function:", 0) == 0) w.display = name;
      w.arn = KnownIfSet(f.String(*l.value, "FunctionArn", l.pointer));
      w.name = KnownIfSet(name);
      w.runtime_role = RoleField(f, l, "Role");
      if (const Value* env = f.Object(*l.value, "Environment", l.pointer)) {
        w.env = EnvOf(f, l, *env, json::PointerAppend(l.pointer, "Environment"), "Variables");
      }
      SkipTagsBeside(w.display, key, w.loc);
      s_.workloads.push_back(std::move(w));
    }
  }

  /// EC2 instances (describe-instances): the code runs as the role of `IamInstanceProfile`.
  void AddInstances() {
    for (const auto& [id, l] : d_.instances) {
      const Fields f(*l.file, errors_);
      Workload w = WorkloadAt(Workload::Platform::kEc2, id, l);
      w.name = Known<std::string>::Absent();
      f.EachEntry(*l.value, "Tags", l.pointer, [&](const Value& tag, const std::string& tp) {
        if (Str(tag, "Key") == "Name") w.name = KnownIfSet(f.String(tag, "Value", tp));
      });
      SkipTagsIn(w.display, l, "Tags", w.loc);
      w.instance_profile.loc = w.loc;
      w.runtime_role.loc = w.loc;
      if (const Value* p = f.Object(*l.value, "IamInstanceProfile", l.pointer)) {
        const std::string pp = json::PointerAppend(l.pointer, "IamInstanceProfile");
        const Value* at = p->Find("Arn");
        w.instance_profile.loc =
            LocateIn(*l.file)(at != nullptr ? pp + "/Arn" : pp, at != nullptr ? *at : *p);
        const std::string arn = f.String(*p, "Arn", pp);
        ProfileRef& ref = w.instance_profile;
        ref.name_or_arn = arn;
        if (auto it = profile_by_arn_.find(arn); !arn.empty() && it != profile_by_arn_.end()) {
          ref.state = ProfileRef::State::kResolved;
          ref.profile = it->second;
          w.runtime_role = s_.instance_profiles[static_cast<size_t>(it->second)].role;
        } else {
          ref.state = arn.empty() ? ProfileRef::State::kUnknown : ProfileRef::State::kExternal;
          w.runtime_role.state = RoleRef::State::kUnknown;  // a profile this run does not show
          w.runtime_role.loc = ref.loc;
        }
      } else if (l.value->Find("IamInstanceProfile") != nullptr &&
                 !l.value->Find("IamInstanceProfile")->IsNull()) {
        w.instance_profile.state = ProfileRef::State::kUnknown;  // of the wrong type
        w.runtime_role.state = RoleRef::State::kUnknown;
      }
      s_.workloads.push_back(std::move(w));
    }
  }

  /// CodeBuild projects (batch-get-projects): the service role, and the build environment's
  /// variables: PLAINTEXT ones (the default type) are plain environment, PARAMETER_STORE and
  /// SECRETS_MANAGER ones name the secret they are fetched from.
  void AddProjects() {
    for (const auto& [arn, l] : d_.projects) {
      const Fields f(*l.file, errors_);
      Workload w = WorkloadAt(Workload::Platform::kCodeBuild, arn, l);
      w.arn = Known<std::string>::Of(arn);
      w.name = KnownIfSet(f.String(*l.value, "name", l.pointer));
      w.runtime_role = RoleField(f, l, "serviceRole");
      SkipTagsIn(w.display, l, "tags", w.loc);
      const Value* env = f.Object(*l.value, "environment", l.pointer);
      w.definition_known = env != nullptr;
      if (env != nullptr) {
        const std::string ep = json::PointerAppend(l.pointer, "environment");
        const ScopeBuilder::LocateFn locate = LocateIn(*l.file);
        f.EachEntry(*env, "environmentVariables", ep, [&](const Value& v, const std::string& p) {
          const std::string name = f.String(v, "name", p);
          if (name.empty()) return;
          const std::string type = f.String(v, "type", p);
          std::optional<std::string> value = ScopeBuilder::StringValue(v.Find("value"));
          if (type.empty() || type == "PLAINTEXT") {
            EnvVar e;
            e.name = name;
            e.value_known = value.has_value();
            e.value = value.value_or("");
            e.loc = locate(p, v);
            w.env.push_back(std::move(e));
          } else {
            SecretRef ref;
            ref.name = name;
            ref.value_from = value ? Known<std::string>::Of(*value) : Known<std::string>::Unknown();
            ref.loc = locate(p, v);
            w.secrets.push_back(std::move(ref));
          }
        });
      }
      s_.workloads.push_back(std::move(w));
    }
  }

  Dumps& d_;
  std::vector<LoadError>* errors_;
  Scope s_;
  ScopeBuilder builder_;  // fills s_
  std::map<std::string, int> role_by_arn_;
  std::map<std::string, int> user_or_group_by_arn_[kHolderKinds];
  std::map<std::string, int> app_by_arn_;
  std::map<std::string, int> profile_by_arn_;
};

}  // namespace
}  // namespace aws_cli

Scope AwsAccountBuilder::Build(std::vector<LoadError>* errors) {
  return aws_cli::AccountAssembler(impl_.get(), errors).Build();
}

}  // namespace iamlint
