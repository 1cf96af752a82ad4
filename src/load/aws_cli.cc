// AWS CLI JSON dumps (`aws amplify ...`, `aws iam ...`) merged by ARN into one account scope.
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

}  // namespace

struct AwsAccountBuilder::Impl {
  struct Located {
    const InputFile* file = nullptr;
    const Value* value = nullptr;
    std::string pointer;
  };
  struct RoleRec {
    Located role;  // get-role Role or RoleDetailList entry
    bool from_details = false;
    std::vector<Located> inline_policies;  // {PolicyName, PolicyDocument}
    std::vector<Located> attached;         // {PolicyName, PolicyArn}
  };
  std::map<std::string, Located> apps;      // by appArn
  std::map<std::string, Located> branches;  // by branchArn
  std::map<std::string, RoleRec> roles;     // by ARN
  std::map<std::string, std::string> role_arn_by_name;
  std::map<std::string, Located> managed;  // policy ARN -> Policies entry
  std::vector<Located> role_policies;      // get-role-policy outputs (by RoleName)
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
  auto located = [&](const Value& v, std::string p) {
    return Impl::Located{&in, &v, std::move(p)};
  };
  auto add_app = [&](const Value& app, const std::string& p) {
    std::string arn = Str(app, "appArn");
    if (arn.empty()) arn = "app:" + Str(app, "appId");
    d.apps[arn] = located(app, p);
  };
  auto add_branch = [&](const Value& br, const std::string& p) {
    std::string arn = Str(br, "branchArn");
    if (arn.empty()) {
      errors->push_back({in.path, in.doc.LineOf(br.offset()), p,
                         "branch has no branchArn: cannot tell which app it belongs to"});
      return;
    }
    d.branches[arn] = located(br, p);
  };
  auto add_role = [&](const Value& role, const std::string& p, bool details) {
    std::string arn = Str(role, "Arn");
    if (arn.empty()) return;
    auto& rec = d.roles[arn];
    if (rec.role.value == nullptr || details) {
      rec.role = located(role, p);
      rec.from_details = rec.from_details || details;
    }
    d.role_arn_by_name[Str(role, "RoleName")] = arn;
    if (const Value* rpl = role.Find("RolePolicyList"); rpl != nullptr && rpl->IsArray()) {
      for (size_t i = 0; i < rpl->items().size(); ++i) {
        rec.inline_policies.push_back(
            located(rpl->items()[i], json::PointerAppend(p + "/RolePolicyList", i)));
      }
    }
    if (const Value* amp = role.Find("AttachedManagedPolicies"); amp != nullptr) {
      for (size_t i = 0; i < amp->items().size(); ++i) {
        rec.attached.push_back(
            located(amp->items()[i], json::PointerAppend(p + "/AttachedManagedPolicies", i)));
      }
    }
  };

  if (const Value* app = root.Find("app"); app != nullptr && app->IsObject()) add_app(*app, "/app");
  if (const Value* apps = root.Find("apps"); apps != nullptr && apps->IsArray()) {
    for (size_t i = 0; i < apps->items().size(); ++i) {
      add_app(apps->items()[i], json::PointerAppend("/apps", i));
    }
  }
  if (const Value* br = root.Find("branch"); br != nullptr && br->IsObject()) {
    add_branch(*br, "/branch");
  }
  if (const Value* brs = root.Find("branches"); brs != nullptr && brs->IsArray()) {
    for (size_t i = 0; i < brs->items().size(); ++i) {
      add_branch(brs->items()[i], json::PointerAppend("/branches", i));
    }
  }
  if (const Value* role = root.Find("Role"); role != nullptr && role->IsObject()) {
    add_role(*role, "/Role", false);
  }
  if (const Value* rdl = root.Find("RoleDetailList"); rdl != nullptr && rdl->IsArray()) {
    for (size_t i = 0; i < rdl->items().size(); ++i) {
      add_role(rdl->items()[i], json::PointerAppend("/RoleDetailList", i), true);
    }
  }
  if (const Value* pols = root.Find("Policies"); pols != nullptr && pols->IsArray()) {
    for (size_t i = 0; i < pols->items().size(); ++i) {
      const Value& p = pols->items()[i];
      std::string arn = Str(p, "Arn");
      if (!arn.empty()) d.managed[arn] = located(p, json::PointerAppend("/Policies", i));
    }
  }
  if (root.Find("RoleName") != nullptr && root.Find("PolicyDocument") != nullptr) {
    d.role_policies.push_back(located(root, ""));
  }
  // `aws iam list-attached-role-policies` does not name its role: it is attributed when the
  // account is built, if exactly one role came from `aws iam get-role` in this run.
  if (const Value* ap = root.Find("AttachedPolicies"); ap != nullptr && ap->IsArray()) {
    for (size_t i = 0; i < ap->items().size(); ++i) {
      d.unattributed.push_back(
          located(ap->items()[i], json::PointerAppend("/AttachedPolicies", i)));
    }
  }
  if (const Value* pv = root.Find("PolicyVersion"); pv != nullptr && pv->IsObject()) {
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
      p.loc = d.Loc(m->second);
      const Value* versions = m->second.value->Find("PolicyVersionList");
      if (versions != nullptr && versions->IsArray()) {
        for (size_t i = 0; i < versions->items().size(); ++i) {
          const Value& ver = versions->items()[i];
          const Value* def = ver.Find("IsDefaultVersion");
          if (def != nullptr && def->IsBool() && def->AsBool()) {
            std::string ptr =
                m->second.pointer + "/PolicyVersionList/" + std::to_string(i) + "/Document";
            p.document = DumpDocument(*m->second.file, ver.Find("Document"), ptr, errors);
          }
        }
      }
    }
    s.policies.push_back(std::move(p));
    int idx = static_cast<int>(s.policies.size() - 1);
    policy_by_arn[arn] = idx;
    return idx;
  };

  if (!d.unattributed.empty()) {
    std::vector<Impl::RoleRec*> from_get_role;
    for (auto& [arn, rec] : d.roles) {
      if (!rec.from_details) from_get_role.push_back(&rec);
    }
    if (from_get_role.size() == 1) {
      auto& attached = from_get_role[0]->attached;
      attached.insert(attached.end(), d.unattributed.begin(), d.unattributed.end());
    }
  }
  std::map<std::string, int> role_by_arn;
  for (auto& [arn, rec] : d.roles) {
    Role r;
    r.display = arn;
    r.arn = Known<std::string>::Of(arn);
    r.name = Known<std::string>::Of(Str(*rec.role.value, "RoleName"));
    r.loc = d.Loc(rec.role);
    r.trust = DumpDocument(*rec.role.file, rec.role.value->Find("AssumeRolePolicyDocument"),
                           rec.role.pointer + "/AssumeRolePolicyDocument", errors);
    for (const auto& ip : rec.inline_policies) {
      Policy p;
      p.is_inline = true;
      std::string name = Str(*ip.value, "PolicyName");
      p.name = Known<std::string>::Of(name);
      p.display = r.name.value() + " inline policy \"" + name + "\"";
      p.loc = d.Loc(ip);
      p.document = DumpDocument(*ip.file, ip.value->Find("PolicyDocument"),
                                ip.pointer + "/PolicyDocument", errors);
      s.policies.push_back(std::move(p));
      r.grants.push_back({static_cast<int>(s.policies.size() - 1), "RolePolicyList", d.Loc(ip)});
    }
    for (const auto& at : rec.attached) {
      std::string parn = Str(*at.value, "PolicyArn");
      if (parn.empty()) continue;
      r.grants.push_back({policy_for_arn(parn, Str(*at.value, "PolicyName"), d.Loc(at)),
                          "AttachedManagedPolicies", d.Loc(at)});
    }
    r.grants_complete = rec.from_details;
    // get-role and authorization details name the boundary as
    // {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": ARN}; absent when none.
    if (const Value* pb = rec.role.value->Find("PermissionsBoundary");
        pb != nullptr && pb->IsObject()) {
      const std::string barn = Str(*pb, "PermissionsBoundaryArn");
      const Value* at = pb->Find("PermissionsBoundaryArn");
      const Location where{rec.role.file->path, rec.role.pointer + "/PermissionsBoundary",
                           rec.role.file->doc.LineOf((at != nullptr ? at : pb)->offset())};
      r.boundary.loc = where;
      if (barn.empty()) {
        r.boundary.state = PolicyRef::State::kUnknown;
      } else {
        r.boundary.state = PolicyRef::State::kResolved;
        r.boundary.policy = policy_for_arn(barn, barn.substr(barn.rfind('/') + 1), where);
      }
    }
    role_by_arn[arn] = static_cast<int>(s.roles.size());
    s.roles.push_back(std::move(r));
  }
  for (const auto& rp : d.role_policies) {
    std::string role_name = Str(*rp.value, "RoleName");
    auto arn = d.role_arn_by_name.find(role_name);
    if (arn == d.role_arn_by_name.end()) continue;  // a role we know nothing else of
    Role& r = s.roles[role_by_arn[arn->second]];
    Policy p;
    p.is_inline = true;
    std::string name = Str(*rp.value, "PolicyName");
    p.name = Known<std::string>::Of(name);
    p.display = role_name + " inline policy \"" + name + "\"";
    p.loc = d.Loc(rp);
    p.document =
        DumpDocument(*rp.file, rp.value->Find("PolicyDocument"), "/PolicyDocument", errors);
    s.policies.push_back(std::move(p));
    r.grants.push_back({static_cast<int>(s.policies.size() - 1), "get-role-policy", d.Loc(rp)});
  }
  for (const auto& doc : d.documents) {
    auto pd = DumpDocument(*doc.file, doc.value, doc.pointer, errors);
    if (pd.known()) s.documents.push_back(pd.value());
  }

  auto role_ref = [&](const Value& obj, const char* key, const Location& where) {
    RoleRef ref;
    ref.loc = where;
    std::string arn = Str(obj, key);
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
  auto env_of = [&](const Impl::Located& owner, const Value* vars, const std::string& pointer) {
    std::vector<EnvVar> out;
    if (vars == nullptr || !vars->IsObject()) return out;
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
    App app;
    std::string id = Str(a, "appId");
    app.display = id.empty() ? arn : id;
    app.name = Known<std::string>::Of(Str(a, "name"));
    app.arn = Known<std::string>::Of(arn);
    std::string platform = Str(a, "platform");
    app.platform = Known<std::string>::Of(platform.empty() ? "WEB" : platform);
    app.loc = d.Loc(l);
    app.service_role = role_ref(a, "iamServiceRoleArn", app.loc);
    app.compute_role = role_ref(a, "computeRoleArn", app.loc);
    app.env = env_of(l, a.Find("environmentVariables"), l.pointer + "/environmentVariables");
    if (const Value* v = a.Find("enableBranchAutoCreation"); v != nullptr && v->IsBool()) {
      app.auto_branch_creation = v->AsBool();
    }
    if (const Value* abc = a.Find("autoBranchCreationConfig"); abc != nullptr) {
      if (const Value* pr = abc->Find("enablePullRequestPreview"); pr != nullptr && pr->IsBool()) {
        app.pull_request_previews = pr->AsBool();
      }
      app.auto_branch_env = env_of(l, abc->Find("environmentVariables"),
                                   l.pointer + "/autoBranchCreationConfig/environmentVariables");
    }
    app_by_arn[arn] = static_cast<int>(s.apps.size());
    s.apps.push_back(std::move(app));
  }
  for (const auto& [arn, l] : d.branches) {
    const Value& b = *l.value;
    Branch br;
    std::string app_arn;
    std::string name;
    SplitBranchArn(arn, &app_arn, &name);
    br.name = Str(b, "branchName").empty() ? name : Str(b, "branchName");
    br.display = AppIdFromArn(arn) + "/" + br.name;
    br.loc = d.Loc(l);
    br.compute_role = role_ref(b, "computeRoleArn", br.loc);
    br.env = env_of(l, b.Find("environmentVariables"), l.pointer + "/environmentVariables");
    std::string fw = Str(b, "framework");
    br.framework = fw.empty() ? Known<std::string>::Absent() : Known<std::string>::Of(fw);
    if (const Value* pr = b.Find("enablePullRequestPreview"); pr != nullptr && pr->IsBool()) {
      br.pull_request_preview = pr->AsBool();
    }
    if (auto it = app_by_arn.find(app_arn); it != app_by_arn.end()) br.app = it->second;
    int bi = static_cast<int>(s.branches.size());
    if (br.app >= 0) s.apps[br.app].branches.push_back(bi);
    s.branches.push_back(std::move(br));
  }
  return s;
}

}  // namespace iamlint
