// AWS CLI JSON dumps (`aws amplify ...`, `aws iam ...`) merged by ARN into one account scope.
//
// Every field the loader reads is type-checked where it is read: a list that is an object, an
// entry that is not an object, a name that is a number is a located input error (file, JSON
// pointer, line), never an empty list or a skipped entry.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "load/loaders.h"

namespace iamlint {
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

/// Reads the fields of one dump. A field of the wrong type is a located error and reads as
/// absent; absent and null fields are absent (the CLI omits unset fields).
class Fields {
 public:
  Fields(const InputFile& in, std::vector<LoadError>* errors) : in_(in), errors_(errors) {}

  void Error(const Value& at, const std::string& pointer, std::string message) const {
    errors_->push_back({in_.path, in_.doc.LineOf(at.offset()), pointer, std::move(message)});
  }

  /// `obj[key]` when it is of type `want`; nullptr when absent, null, or (an error) another type.
  const Value* Typed(const Value& obj, const char* key, const std::string& obj_pointer,
                     json::Type want) const {
    const Value* v = obj.Find(key);
    if (v == nullptr || v->IsNull()) return nullptr;
    if (v->type() == want) return v;
    Error(*v, json::PointerAppend(obj_pointer, key),
          std::string(key) + " is " + json::TypeNameWithArticle(v->type()) + ", expected " +
              json::TypeNameWithArticle(want));
    return nullptr;
  }
  const Value* Object(const Value& obj, const char* key, const std::string& p) const {
    return Typed(obj, key, p, json::Type::kObject);
  }
  std::string String(const Value& obj, const char* key, const std::string& p) const {
    const Value* v = Typed(obj, key, p, json::Type::kString);
    return v != nullptr ? v->str() : std::string();
  }
  /// `obj[key]`, a string that must be there: when it is absent or empty, an error says
  /// `obj` "has no KEY" and why that matters (`consequence`).
  std::string Required(const Value& obj, const char* key, const std::string& p, const char* noun,
                       const std::string& consequence) const {
    const Value* v = obj.Find(key);
    std::string out = String(obj, key, p);
    if (out.empty() && (v == nullptr || v->IsNull() || v->IsString())) {
      Error(obj, p, std::string(noun) + " has no " + key + consequence);
    }
    return out;
  }
  bool Bool(const Value& obj, const char* key, const std::string& p) const {
    const Value* v = Typed(obj, key, p, json::Type::kBool);
    return v != nullptr && v->AsBool();
  }
  /// Calls `fn(entry, pointer)` for every entry of the list `obj[key]`; an entry that is not
  /// an object is an error.
  template <class Fn>
  void EachEntry(const Value& obj, const char* key, const std::string& obj_pointer, Fn fn) const {
    const Value* list = Typed(obj, key, obj_pointer, json::Type::kArray);
    if (list == nullptr) return;
    const std::string list_pointer = json::PointerAppend(obj_pointer, key);
    for (size_t i = 0; i < list->items().size(); ++i) {
      const Value& e = list->items()[i];
      const std::string p = json::PointerAppend(list_pointer, i);
      if (e.IsObject()) {
        fn(e, p);
      } else {
        Error(e, p,
              std::string(key) + " entry is " + json::TypeNameWithArticle(e.type()) +
                  ", expected an object");
      }
    }
  }

 private:
  const InputFile& in_;
  std::vector<LoadError>* errors_;
};

/// The IAM identities a dump describes, with the names the CLI gives their fields.
enum HolderKind { kRole, kUser, kGroup, kHolderKinds };
struct HolderFields {
  const char* noun;         // "role"
  const char* name_key;     // "RoleName"
  const char* inline_list;  // "RolePolicyList"
};
constexpr HolderFields kHolder[kHolderKinds] = {
    {"role", "RoleName", "RolePolicyList"},
    {"user", "UserName", "UserPolicyList"},
    {"group", "GroupName", "GroupPolicyList"},
};

}  // namespace

struct AwsAccountBuilder::Impl {
  struct Located {
    const InputFile* file = nullptr;
    const Value* value = nullptr;
    std::string pointer;
  };
  struct Inline {
    Located entry;  // {PolicyName, PolicyDocument}
    std::string name;
  };
  struct Attached {
    Located entry;  // {PolicyName, PolicyArn}
    std::string arn;
    std::string name;
  };
  /// A role, user or group: get-role's Role, or a RoleDetailList/UserDetailList/GroupDetailList
  /// entry.
  struct Holder {
    Located self;
    std::string name;
    bool from_details = false;
    std::vector<Inline> inline_policies;
    std::vector<Attached> attached;
    Located boundary;  // the PermissionsBoundary object; value is nullptr when none
  };
  struct Managed {
    Located entry;     // the Policies entry
    Located document;  // the default version's Document; value is nullptr when not shown
    std::string name;
    double attachments = -1;    // AttachmentCount, -1 when not shown
    double boundary_uses = -1;  // PermissionsBoundaryUsageCount, -1 when not shown
  };
  /// get-role-policy, get-user-policy, get-group-policy: {RoleName, PolicyName, PolicyDocument}.
  struct NamedInline {
    Located root;
    HolderKind kind;
    std::string holder;
    std::string name;
  };
  std::map<std::string, Located> apps;                  // by appArn
  std::map<std::string, Located> branches;              // by branchArn
  std::map<std::string, Holder> holders[kHolderKinds];  // by ARN
  std::map<std::string, std::string> arn_by_name[kHolderKinds];
  std::map<std::string, Managed> managed;  // policy ARN -> Policies entry
  std::vector<NamedInline> named_inline;   // get-*-policy outputs
  std::vector<Located> documents;          // get-policy-version documents
  std::vector<Located> unattributed;       // list-attached-role-policies entries
  size_t files = 0;

  Location Loc(const Located& l) const {
    return Location{l.file->path, l.pointer, l.file->doc.LineOf(l.value->offset())};
  }
};

AwsAccountBuilder::AwsAccountBuilder() : impl_(std::make_unique<Impl>()) {}
AwsAccountBuilder::~AwsAccountBuilder() = default;
bool AwsAccountBuilder::empty() const { return impl_->files == 0; }

void AwsAccountBuilder::Add(const InputFile& in, std::vector<LoadError>* errors) {
  Impl& d = *impl_;
  ++d.files;
  const Value& root = in.doc.root();
  const Fields f(in, errors);
  auto located = [&](const Value& v, std::string p) {
    return Impl::Located{&in, &v, std::move(p)};
  };
  auto add_app = [&](const Value& app, const std::string& p) {
    std::string arn = f.String(app, "appArn", p);
    if (arn.empty()) {
      const std::string id = f.String(app, "appId", p);
      if (id.empty()) {
        f.Error(app, p, "app has neither an appArn nor an appId: cannot tell which app it is");
        return;
      }
      arn = "app:" + id;
    }
    d.apps[arn] = located(app, p);
  };
  auto add_branch = [&](const Value& br, const std::string& p) {
    std::string arn =
        f.Required(br, "branchArn", p, "branch", ": cannot tell which app it belongs to");
    if (arn.empty()) return;
    d.branches[arn] = located(br, p);
  };
  auto add_holder = [&](HolderKind kind, const Value& v, const std::string& p, bool details) {
    const HolderFields& hf = kHolder[kind];
    std::string arn =
        f.Required(v, "Arn", p, hf.noun, std::string(": cannot tell which ") + hf.noun + " it is");
    if (arn.empty()) return;
    auto& rec = d.holders[kind][arn];
    const std::string name = f.String(v, hf.name_key, p);
    if (rec.self.value == nullptr || details) {
      rec.self = located(v, p);
      rec.name = name;
      rec.from_details = rec.from_details || details;
      rec.boundary = {};
      if (const Value* pb = f.Object(v, "PermissionsBoundary", p)) {
        rec.boundary = located(*pb, p + "/PermissionsBoundary");
      }
    }
    d.arn_by_name[kind][name] = arn;
    f.EachEntry(v, hf.inline_list, p, [&](const Value& ip, const std::string& ipp) {
      if (ip.Find("PolicyDocument") == nullptr) {
        f.Error(ip, ipp, std::string(hf.inline_list) + " entry has no PolicyDocument");
        return;
      }
      rec.inline_policies.push_back({located(ip, ipp), f.String(ip, "PolicyName", ipp)});
    });
    f.EachEntry(v, "AttachedManagedPolicies", p, [&](const Value& at, const std::string& atp) {
      std::string parn = f.Required(at, "PolicyArn", atp, "attached managed policy", "");
      if (parn.empty()) return;
      rec.attached.push_back({located(at, atp), parn, f.String(at, "PolicyName", atp)});
    });
  };

  if (const Value* app = f.Object(root, "app", "")) add_app(*app, "/app");
  f.EachEntry(root, "apps", "", add_app);
  if (const Value* br = f.Object(root, "branch", "")) add_branch(*br, "/branch");
  f.EachEntry(root, "branches", "", add_branch);
  if (const Value* role = f.Object(root, "Role", "")) add_holder(kRole, *role, "/Role", false);
  const char* detail_lists[kHolderKinds] = {"RoleDetailList", "UserDetailList", "GroupDetailList"};
  for (int k = 0; k < kHolderKinds; ++k) {
    f.EachEntry(root, detail_lists[k], "", [&](const Value& v, const std::string& p) {
      add_holder(static_cast<HolderKind>(k), v, p, true);
    });
  }
  f.EachEntry(root, "Policies", "", [&](const Value& pol, const std::string& p) {
    std::string arn =
        f.Required(pol, "Arn", p, "managed policy", ": cannot tell which policy it is");
    if (arn.empty()) return;
    Impl::Managed m;
    m.entry = located(pol, p);
    m.name = f.String(pol, "PolicyName", p);
    if (const Value* n = f.Typed(pol, "AttachmentCount", p, json::Type::kNumber)) {
      m.attachments = n->AsDouble();
    }
    if (const Value* n = f.Typed(pol, "PermissionsBoundaryUsageCount", p, json::Type::kNumber)) {
      m.boundary_uses = n->AsDouble();
    }
    f.EachEntry(pol, "PolicyVersionList", p, [&](const Value& ver, const std::string& vp) {
      if (f.Bool(ver, "IsDefaultVersion", vp)) {
        if (const Value* doc = ver.Find("Document")) m.document = located(*doc, vp + "/Document");
      }
    });
    d.managed[arn] = std::move(m);
  });
  for (int k = 0; k < kHolderKinds; ++k) {
    const HolderFields& hf = kHolder[k];
    if (root.Find(hf.name_key) == nullptr || root.Find("PolicyDocument") == nullptr) continue;
    std::string holder = f.String(root, hf.name_key, "");
    if (holder.empty()) continue;  // the error is reported
    d.named_inline.push_back(
        {located(root, ""), static_cast<HolderKind>(k), holder, f.String(root, "PolicyName", "")});
  }
  // `aws iam list-attached-role-policies` does not name its role: it is attributed when the
  // account is built, if exactly one role came from `aws iam get-role` in this run.
  f.EachEntry(root, "AttachedPolicies", "", [&](const Value& at, const std::string& p) {
    if (f.Required(at, "PolicyArn", p, "attached managed policy", "").empty()) return;
    d.unattributed.push_back(located(at, p));
  });
  if (const Value* pv = f.Object(root, "PolicyVersion", "")) {
    if (const Value* doc = pv->Find("Document")) {
      d.documents.push_back(located(*doc, "/PolicyVersion/Document"));
    }
  }
}

namespace {

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

}  // namespace

Scope AwsAccountBuilder::Build(std::vector<LoadError>* errors) {
  Impl& d = *impl_;
  Scope s;
  s.kind = Scope::Kind::kAwsAccount;
  s.name = "AWS account (" + std::to_string(d.files) + " CLI files)";

  // Managed policies (from authorization details) keyed by ARN.
  std::map<std::string, int> policy_by_arn;
  auto policy_for_arn = [&](const std::string& arn, const std::string& name,
                            const Location& where) -> int {
    if (auto it = policy_by_arn.find(arn); it != policy_by_arn.end()) return it->second;
    Policy p;
    p.display = arn;
    p.arn = Known<std::string>::Of(arn);
    p.name = Known<std::string>::Of(name);
    p.aws_managed = arn.find(":iam::aws:policy/") != std::string::npos;
    p.loc = where;
    p.document = p.aws_managed ? BundledManagedPolicy(arn) : Known<PolicyDocument>::Unknown();
    if (auto m = d.managed.find(arn); m != d.managed.end()) {
      p.loc = d.Loc(m->second.entry);
      if (const Impl::Located& doc = m->second.document; doc.value != nullptr) {
        p.document = DumpDocument(*doc.file, doc.value, doc.pointer, errors);
      }
    }
    s.policies.push_back(std::move(p));
    int idx = static_cast<int>(s.policies.size() - 1);
    policy_by_arn[arn] = idx;
    return idx;
  };
  auto inline_policy = [&](const Impl::Located& at, const std::string& name,
                           const std::string& owner, const std::string& doc_pointer) {
    Policy p;
    p.is_inline = true;
    p.name = Known<std::string>::Of(name);
    p.display = owner + " inline policy \"" + name + "\"";
    p.loc = d.Loc(at);
    p.document = DumpDocument(*at.file, at.value->Find("PolicyDocument"), doc_pointer, errors);
    s.policies.push_back(std::move(p));
    return static_cast<int>(s.policies.size() - 1);
  };
  // Inline policies of roles are named by the role's name (as they always were); of users and
  // groups by "user/NAME" and "group/NAME", which cannot be mistaken for a role.
  auto owner_name = [](HolderKind kind, const std::string& name) {
    return kind == kRole ? name : std::string(kHolder[kind].noun) + "/" + name;
  };
  auto grants_of = [&](HolderKind kind, const Impl::Holder& h) {
    std::vector<Grant> out;
    for (const auto& ip : h.inline_policies) {
      out.push_back({inline_policy(ip.entry, ip.name, owner_name(kind, h.name),
                                   ip.entry.pointer + "/PolicyDocument"),
                     kHolder[kind].inline_list, d.Loc(ip.entry)});
    }
    for (const auto& at : h.attached) {
      out.push_back({policy_for_arn(at.arn, at.name, d.Loc(at.entry)), "AttachedManagedPolicies",
                     d.Loc(at.entry)});
    }
    return out;
  };
  // get-role, get-user and authorization details name the boundary as
  // {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": ARN}; absent when none.
  auto boundary_of = [&](const Impl::Holder& h) {
    PolicyRef ref;
    const Impl::Located& b = h.boundary;
    if (b.value == nullptr) return ref;
    const Fields f(*b.file, errors);
    const std::string barn = f.String(*b.value, "PermissionsBoundaryArn", b.pointer);
    const Value* at = b.value->Find("PermissionsBoundaryArn");
    ref.loc = Location{b.file->path, b.pointer,
                       b.file->doc.LineOf((at != nullptr ? at : b.value)->offset())};
    if (barn.empty()) {
      ref.state = PolicyRef::State::kUnknown;
    } else {
      ref.state = PolicyRef::State::kResolved;
      ref.policy = policy_for_arn(barn, barn.substr(barn.rfind('/') + 1), ref.loc);
    }
    return ref;
  };

  if (!d.unattributed.empty()) {
    std::vector<Impl::Holder*> from_get_role;
    for (auto& [arn, rec] : d.holders[kRole]) {
      if (!rec.from_details) from_get_role.push_back(&rec);
    }
    if (from_get_role.size() == 1) {
      for (const auto& l : d.unattributed) {
        from_get_role[0]->attached.push_back(
            {l, Str(*l.value, "PolicyArn"), Str(*l.value, "PolicyName")});
      }
    }
  }
  std::map<std::string, int> role_by_arn;
  for (auto& [arn, rec] : d.holders[kRole]) {
    Role r;
    r.display = arn;
    r.arn = Known<std::string>::Of(arn);
    r.name = Known<std::string>::Of(rec.name);
    r.loc = d.Loc(rec.self);
    r.trust = DumpDocument(*rec.self.file, rec.self.value->Find("AssumeRolePolicyDocument"),
                           rec.self.pointer + "/AssumeRolePolicyDocument", errors);
    r.grants = grants_of(kRole, rec);
    r.grants_complete = rec.from_details;
    r.boundary = boundary_of(rec);
    role_by_arn[arn] = static_cast<int>(s.roles.size());
    s.roles.push_back(std::move(r));
  }
  std::map<std::string, int> user_or_group_by_arn[kHolderKinds];
  for (HolderKind kind : {kUser, kGroup}) {
    for (auto& [arn, rec] : d.holders[kind]) {
      UserOrGroup ug;
      ug.kind = kind == kUser ? UserOrGroup::Kind::kUser : UserOrGroup::Kind::kGroup;
      ug.display = arn;
      ug.name = Known<std::string>::Of(rec.name);
      ug.loc = d.Loc(rec.self);
      ug.grants = grants_of(kind, rec);
      ug.boundary = boundary_of(rec);
      user_or_group_by_arn[kind][arn] = static_cast<int>(s.users_and_groups.size());
      s.users_and_groups.push_back(std::move(ug));
    }
  }
  for (const auto& np : d.named_inline) {
    const int p =
        inline_policy(np.root, np.name, owner_name(np.kind, np.holder), "/PolicyDocument");
    const Grant g{p, std::string("get-") + kHolder[np.kind].noun + "-policy", d.Loc(np.root)};
    // A policy of an identity this run shows nothing else of is still linted, on its own.
    auto arn = d.arn_by_name[np.kind].find(np.holder);
    if (arn == d.arn_by_name[np.kind].end()) continue;
    if (np.kind == kRole) {
      s.roles[static_cast<size_t>(role_by_arn[arn->second])].grants.push_back(g);
    } else {
      s.users_and_groups[static_cast<size_t>(user_or_group_by_arn[np.kind][arn->second])]
          .grants.push_back(g);
    }
  }
  // Customer managed policies no identity of this run holds (attached to nobody, or to
  // identities a filtered dump leaves out) are linted too: they are the account's text. One
  // that only ever serves as a permissions boundary (AttachmentCount 0,
  // PermissionsBoundaryUsageCount > 0) of identities not shown here grants nothing and is left
  // out, its document still read for errors.
  for (const auto& [arn, m] : d.managed) {
    if (policy_by_arn.count(arn) != 0 || arn.find(":iam::aws:policy/") != std::string::npos) {
      continue;
    }
    if (m.attachments == 0 && m.boundary_uses > 0) {
      if (m.document.value != nullptr) {
        DumpDocument(*m.document.file, m.document.value, m.document.pointer, errors);
      }
      continue;
    }
    policy_for_arn(arn, m.name, d.Loc(m.entry));
  }
  for (const auto& doc : d.documents) {
    auto pd = DumpDocument(*doc.file, doc.value, doc.pointer, errors);
    if (pd.known()) s.documents.push_back(pd.value());
  }

  auto role_ref = [&](const Fields& f, const Impl::Located& owner, const char* key,
                      const Location& where) {
    RoleRef ref;
    ref.loc = where;
    std::string arn = f.String(*owner.value, key, owner.pointer);
    if (arn.empty()) return ref;  // the CLI omits unset fields: known absent
    ref.arn = arn;
    if (auto it = role_by_arn.find(arn); it != role_by_arn.end()) {
      ref.state = RoleRef::State::kResolved;
      ref.role = it->second;
    } else {
      ref.state = RoleRef::State::kExternal;
    }
    return ref;
  };
  auto env_of = [&](const Fields& f, const Impl::Located& owner, const Value& parent,
                    const std::string& parent_pointer) {
    std::vector<EnvVar> out;
    const Value* vars = f.Object(parent, "environmentVariables", parent_pointer);
    if (vars == nullptr) return out;
    const std::string pointer = parent_pointer + "/environmentVariables";
    for (const auto& m : vars->members()) {
      EnvVar e;
      e.name = m.key;
      e.value_known = m.value->IsString();
      if (e.value_known) e.value = m.value->str();
      e.loc = Location{owner.file->path, json::PointerAppend(pointer, m.key),
                       owner.file->doc.LineOf(m.value->offset())};
      out.push_back(std::move(e));
    }
    return out;
  };

  std::map<std::string, int> app_by_arn;
  for (const auto& [arn, l] : d.apps) {
    const Value& a = *l.value;
    const Fields f(*l.file, errors);
    App app;
    std::string id = f.String(a, "appId", l.pointer);
    app.display = id.empty() ? arn : id;
    app.name = Known<std::string>::Of(f.String(a, "name", l.pointer));
    app.arn = Known<std::string>::Of(arn);
    std::string platform = f.String(a, "platform", l.pointer);
    app.platform = Known<std::string>::Of(platform.empty() ? "WEB" : platform);
    app.loc = d.Loc(l);
    app.service_role = role_ref(f, l, "iamServiceRoleArn", app.loc);
    app.compute_role = role_ref(f, l, "computeRoleArn", app.loc);
    app.env = env_of(f, l, a, l.pointer);
    app.auto_branch_creation = f.Bool(a, "enableBranchAutoCreation", l.pointer);
    if (const Value* abc = f.Object(a, "autoBranchCreationConfig", l.pointer)) {
      const std::string abc_pointer = l.pointer + "/autoBranchCreationConfig";
      app.pull_request_previews = f.Bool(*abc, "enablePullRequestPreview", abc_pointer);
      app.auto_branch_env = env_of(f, l, *abc, abc_pointer);
    }
    app_by_arn[arn] = static_cast<int>(s.apps.size());
    s.apps.push_back(std::move(app));
  }
  for (const auto& [arn, l] : d.branches) {
    const Value& b = *l.value;
    const Fields f(*l.file, errors);
    Branch br;
    std::string app_arn;
    std::string name;
    SplitBranchArn(arn, &app_arn, &name);
    const std::string branch_name = f.String(b, "branchName", l.pointer);
    br.name = branch_name.empty() ? name : branch_name;
    br.display = AppIdFromArn(arn) + "/" + br.name;
    br.loc = d.Loc(l);
    br.compute_role = role_ref(f, l, "computeRoleArn", br.loc);
    br.env = env_of(f, l, b, l.pointer);
    std::string fw = f.String(b, "framework", l.pointer);
    br.framework = fw.empty() ? Known<std::string>::Absent() : Known<std::string>::Of(fw);
    br.pull_request_preview = f.Bool(b, "enablePullRequestPreview", l.pointer);
    if (auto it = app_by_arn.find(app_arn); it != app_by_arn.end()) br.app = it->second;
    int bi = static_cast<int>(s.branches.size());
    if (br.app >= 0) s.apps[br.app].branches.push_back(bi);
    s.branches.push_back(std::move(br));
  }
  return s;
}

}  // namespace iamlint
