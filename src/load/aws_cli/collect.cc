// Reading one AWS CLI dump into the records of the run, one function per kind of document:
// Amplify apps and branches (get-app, list-apps, get-branch, list-branches), IAM roles, users
// and groups (get-role, get-user, get-group, get-account-authorization-details), managed
// policies (its Policies), get-*-policy, list-attached-role-policies and get-policy-version;
// workloads (ecs describe-task-definition, lambda get-function, get-function-configuration,
// list-functions, ec2 describe-instances, codebuild batch-get-projects) and instance profiles
// (iam get-instance-profile, list-instance-profiles, a role's InstanceProfileList).
#include <map>
#include <string>
#include <utility>

#include "load/aws_cli/dumps.h"
#include "load/aws_cli/fields.h"
#include "load/loaders.h"

namespace iamlint {
namespace aws_cli {
namespace {

using json::Value;

class DumpReader {
 public:
  DumpReader(Dumps* d, const InputFile& in, std::vector<LoadError>* errors)
      : d_(*d), in_(in), f_(in, errors) {}

  void Read() {
    const Value& root = in_.doc.root();
    auto app = [this](const Value& v, const std::string& p) { App(v, p); };
    auto branch = [this](const Value& v, const std::string& p) { Branch(v, p); };
    if (const Value* v = f_.Object(root, "app", "")) App(*v, "/app");
    f_.EachEntry(root, "apps", "", app);
    if (const Value* v = f_.Object(root, "branch", "")) Branch(*v, "/branch");
    f_.EachEntry(root, "branches", "", branch);
    // get-function-configuration prints the function itself at the top level, with its role's
    // ARN as `Role`: that is not get-role's Role object.
    if (root.Find("FunctionArn") != nullptr || root.Find("FunctionName") != nullptr) {
      Function(root, "");
    } else if (const Value* role = f_.Object(root, "Role", "")) {
      Holder(kRole, *role, "/Role", false);
    }
    for (int k = 0; k < kHolderKinds; ++k) {
      f_.EachEntry(root, kHolder[k].detail_list, "", [&](const Value& v, const std::string& p) {
        Holder(static_cast<HolderKind>(k), v, p, true);
      });
    }
    f_.EachEntry(root, "Policies", "",
                 [this](const Value& v, const std::string& p) { ManagedPolicy(v, p); });
    NamedInlinePolicies(root);
    f_.EachEntry(root, "AttachedPolicies", "",
                 [this](const Value& v, const std::string& p) { UnattributedPolicy(v, p); });
    PolicyVersion(root);
    Workloads(root);
  }

 private:
  Dumps::Located At(const Value& v, std::string p) const {
    return Dumps::Located{&in_, &v, std::move(p)};
  }

  /// An Amplify app (get-app's app, a list-apps entry): by its ARN, or its ID.
  void App(const Value& app, const std::string& p) {
    std::string arn = f_.String(app, "appArn", p);
    if (arn.empty()) {
      const std::string id = f_.String(app, "appId", p);
      if (id.empty()) {
        f_.Error(app, p, "app has neither an appArn nor an appId: cannot tell which app it is");
        return;
      }
      arn = "app:" + id;
    }
    d_.apps[arn] = At(app, p);
  }

  /// An Amplify branch (get-branch's branch, a list-branches entry), by its ARN.
  void Branch(const Value& br, const std::string& p) {
    std::string arn =
        f_.Required(br, "branchArn", p, "branch", ": cannot tell which app it belongs to");
    if (arn.empty()) return;
    d_.branches[arn] = At(br, p);
  }

  /// A role, user or group (get-role's Role, an authorization details entry when `details`),
  /// with its inline and attached policies and its boundary.
  void Holder(HolderKind kind, const Value& v, const std::string& p, bool details) {
    const HolderFields& hf = kHolder[kind];
    std::string arn =
        f_.Required(v, "Arn", p, hf.noun, std::string(": cannot tell which ") + hf.noun + " it is");
    if (arn.empty()) return;
    auto& rec = d_.holders[kind][arn];
    const std::string name = f_.String(v, hf.name_key, p);
    if (rec.self.value == nullptr || details) {
      rec.self = At(v, p);
      rec.name = name;
      rec.from_details = rec.from_details || details;
      rec.boundary = {};
      if (const Value* pb = f_.Object(v, "PermissionsBoundary", p)) {
        rec.boundary = At(*pb, p + "/PermissionsBoundary");
      }
    }
    d_.arn_by_name[kind][name] = arn;
    f_.EachEntry(v, hf.inline_list, p, [&](const Value& ip, const std::string& ipp) {
      if (ip.Find("PolicyDocument") == nullptr) {
        f_.Error(ip, ipp, std::string(hf.inline_list) + " entry has no PolicyDocument");
        return;
      }
      rec.inline_policies.push_back({At(ip, ipp), f_.String(ip, "PolicyName", ipp)});
    });
    if (kind == kRole) {
      f_.EachEntry(v, "InstanceProfileList", p,
                   [this](const Value& ip, const std::string& ipp) { InstanceProfile(ip, ipp); });
    }
    f_.EachEntry(v, "AttachedManagedPolicies", p, [&](const Value& at, const std::string& atp) {
      std::string parn = f_.Required(at, "PolicyArn", atp, "attached managed policy", "");
      if (parn.empty()) return;
      rec.attached.push_back({At(at, atp), parn, f_.String(at, "PolicyName", atp)});
    });
  }

  /// A managed policy of authorization details' Policies, with its default version's document.
  void ManagedPolicy(const Value& pol, const std::string& p) {
    std::string arn =
        f_.Required(pol, "Arn", p, "managed policy", ": cannot tell which policy it is");
    if (arn.empty()) return;
    Dumps::Managed m;
    m.entry = At(pol, p);
    m.name = f_.String(pol, "PolicyName", p);
    if (const Value* n = f_.Typed(pol, "AttachmentCount", p, json::Type::kNumber)) {
      m.attachments = n->AsDouble();
    }
    if (const Value* n = f_.Typed(pol, "PermissionsBoundaryUsageCount", p, json::Type::kNumber)) {
      m.boundary_uses = n->AsDouble();
    }
    f_.EachEntry(pol, "PolicyVersionList", p, [&](const Value& ver, const std::string& vp) {
      if (f_.Bool(ver, "IsDefaultVersion", vp)) {
        if (const Value* doc = ver.Find("Document")) m.document = At(*doc, vp + "/Document");
      }
    });
    d_.managed[arn] = std::move(m);
  }

  /// get-role-policy, get-user-policy, get-group-policy: the holder's name and the document.
  void NamedInlinePolicies(const Value& root) {
    for (int k = 0; k < kHolderKinds; ++k) {
      const HolderFields& hf = kHolder[k];
      if (root.Find(hf.name_key) == nullptr || root.Find("PolicyDocument") == nullptr) continue;
      std::string holder = f_.String(root, hf.name_key, "");
      if (holder.empty()) continue;  // the error is reported
      d_.named_inline.push_back(
          {At(root, ""), static_cast<HolderKind>(k), holder, f_.String(root, "PolicyName", "")});
    }
  }

  /// `aws iam list-attached-role-policies` does not name its role: it is attributed when the
  /// account is built, if exactly one role came from `aws iam get-role` in this run.
  void UnattributedPolicy(const Value& at, const std::string& p) {
    if (f_.Required(at, "PolicyArn", p, "attached managed policy", "").empty()) return;
    d_.unattributed.push_back(At(at, p));
  }

  /// get-policy-version: a document of no identity.
  void PolicyVersion(const Value& root) {
    if (const Value* pv = f_.Object(root, "PolicyVersion", "")) {
      if (const Value* doc = pv->Find("Document")) {
        d_.documents.push_back(At(*doc, "/PolicyVersion/Document"));
      }
    }
  }

  /// Records `v` (at `p`) in `into` by its `key` field, which it must have.
  void ByKey(std::map<std::string, Dumps::Located>* into, const Value& v, const std::string& p,
             const char* key, const char* noun) {
    std::string id =
        f_.Required(v, key, p, noun, std::string(": cannot tell which ") + noun + " it is");
    if (!id.empty()) (*into)[id] = At(v, p);
  }

  void Workloads(const Value& root) {
    if (const Value* td = f_.Object(root, "taskDefinition", "")) {
      ByKey(&d_.task_definitions, *td, "/taskDefinition", "taskDefinitionArn", "task definition");
      const Value* arn = td->Find("taskDefinitionArn");
      TagsBeside(root, "tags", arn != nullptr && arn->IsString() ? arn->str() : "");
    }
    if (const Value* fn = f_.Object(root, "Configuration", "")) {
      TagsBeside(root, "Tags", Function(*fn, "/Configuration"));
    }
    f_.EachEntry(root, "Functions", "",
                 [this](const Value& v, const std::string& p) { Function(v, p); });
    f_.EachEntry(root, "Reservations", "", [this](const Value& r, const std::string& rp) {
      f_.EachEntry(r, "Instances", rp, [this](const Value& v, const std::string& p) {
        ByKey(&d_.instances, v, p, "InstanceId", "instance");
      });
    });
    f_.EachEntry(root, "projects", "", [this](const Value& v, const std::string& p) {
      ByKey(&d_.projects, v, p, "arn", "build project");
    });
    if (const Value* ip = f_.Object(root, "InstanceProfile", "")) {
      InstanceProfile(*ip, "/InstanceProfile");
    }
    f_.EachEntry(root, "InstanceProfiles", "",
                 [this](const Value& v, const std::string& p) { InstanceProfile(v, p); });
  }

  /// `root[key]`, the tags of the workload recorded by `key` (none when "").
  void TagsBeside(const Value& root, const char* key, const std::string& workload) {
    const Value* tags = root.Find(key);
    if (tags == nullptr || workload.empty()) return;
    d_.tags_beside[workload] = At(*tags, json::PointerAppend("", key));
  }

  /// A Lambda function's configuration: by its FunctionArn, or its name. Returns the key
  /// ("" when it has neither).
  std::string Function(const Value& fn, const std::string& p) {
    std::string arn = f_.String(fn, "FunctionArn", p);
    if (arn.empty()) {
      const std::string name = f_.String(fn, "FunctionName", p);
      if (name.empty()) {
        f_.Error(fn, p,
                 "function has neither a FunctionArn nor a FunctionName: cannot tell which "
                 "function it is");
        return "";
      }
      arn = "function:" + name;
    }
    d_.functions[arn] = At(fn, p);
    return arn;
  }

  void InstanceProfile(const Value& ip, const std::string& p) {
    ByKey(&d_.instance_profiles, ip, p, "Arn", "instance profile");
  }

  Dumps& d_;
  const InputFile& in_;
  const Fields f_;
};

}  // namespace
}  // namespace aws_cli

AwsAccountBuilder::AwsAccountBuilder() : impl_(std::make_unique<Impl>()) {}
AwsAccountBuilder::~AwsAccountBuilder() = default;
bool AwsAccountBuilder::empty() const { return impl_->files == 0; }

void AwsAccountBuilder::Add(const InputFile& in, std::vector<LoadError>* errors) {
  ++impl_->files;
  aws_cli::DumpReader(impl_.get(), in, errors).Read();
}

}  // namespace iamlint
