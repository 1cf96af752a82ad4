// Terraform plan JSON (`terraform show -json PLANFILE`) into the model.
//
// Sources of truth, in order: planned values (`planned_values`, with
// `resource_changes[].change.after_unknown` telling unknown from absent);
// data sources read during planning (`prior_state`); the configuration's
// `references` to link resources whose values are unknown; constants and
// `statement` blocks to rebuild policy documents rendered only at apply.
#include <re2/re2.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/address.h"
#include "load/loaders.h"
#include "load/scope_builder.h"

namespace iamlint {
namespace {

using json::Value;

/// An index key as written in a reference, if it is a literal (`0`, `"dev"`); "" for
/// expressions such as `each.key` or `count.index`, which the referrer's own key resolves.
std::string LiteralKey(const std::string& key) {
  if (key.empty()) return key;
  if (key[0] == '"' || (key[0] >= '0' && key[0] <= '9')) return key;
  return "";
}

/// Module path without instance keys: `module.a["x"].module.b` -> `module.a.module.b`.
std::string StripKeys(std::string_view module_address) {
  return JoinSegments(SplitAddress(module_address), 0, 1u << 30, false);
}

/// Index key text of a resource instance as written in its address.
std::string IndexKey(const Value* index) {
  if (index == nullptr || index->IsNull()) return "";
  if (index->IsNumber()) return index->str();
  if (index->IsString()) {
    std::string q;
    json::AppendQuoted(&q, index->str());
    return q;
  }
  return "";
}

struct Instance {
  std::string address;
  std::string module;      // module instance address ("" for root)
  std::string config_key;  // module path without keys + resource address without key
  std::string mode;
  std::string type;
  std::string name;
  std::string key;  // index key text ("" when none)
  const Value* values = nullptr;
  const Value* after_unknown = nullptr;
  std::string pointer;  // of the resource object
  size_t offset = 0;
  bool deferred = false;  // a data source read only at apply
};

/// The resource types some rule reads; the loader (and TerraformPlanFilter) skip the rest.
bool Interesting(std::string_view type) {
  static constexpr std::string_view kTypes[] = {
      "aws_amplify_app",
      "aws_amplify_branch",
      "aws_iam_role",
      "aws_iam_policy",
      "aws_iam_role_policy",
      "aws_iam_role_policy_attachment",
      "aws_iam_policy_attachment",
      "aws_iam_policy_document",
      "awscc_amplify_app",
      "awscc_amplify_branch",
      "awscc_iam_role",
      // Resource-based policies (linted, and weighed by `simulate`).
      "aws_s3_bucket_policy",
      "aws_sqs_queue_policy",
      "aws_sns_topic_policy",
      "aws_kms_key",
      "aws_secretsmanager_secret_policy",
      "aws_dynamodb_resource_policy",
      "aws_kinesis_resource_policy",
      "aws_s3tables_table_bucket_policy",
      "aws_api_gateway_rest_api_policy",
      "aws_backup_vault_policy",
      "aws_codeartifact_domain_permissions_policy",
      "aws_opensearch_domain_policy",
      "aws_ecr_repository_policy",
      "aws_efs_file_system_policy",
  };
  for (std::string_view t : kTypes) {
    if (t == type) return true;
  }
  return false;
}

/// Index of an array element as written in the file (the filter drops elements).
size_t Index(const Value& element) { return element.source_index(); }

/// What PlanLoader reads, as a ParseFilter: the shapes of plans, show-json states and raw
/// states, down to their resources, which are dropped by `type` (and, in prior_state, by
/// `mode`: only data sources are read there) as soon as the member is met. Terraform writes
/// `address`, `mode` and `type` first, so a dropped resource is skipped, not built; when the
/// keys come in another order the resource is built until its `type` is met. A resource that
/// names its type twice is judged by the first (Terraform writes no duplicate keys).
class PlanFilter : public json::ParseFilter {
 public:
  enum State : int {
    kRoot = 1,        // the root, until it shows what it is
    kRootVersion,     // ... it has a `version` (a raw state?)
    kRootTfVersion,   // ... it has a `terraform_version`
    kPlan,            // a plan or a show-json state (`format_version`)
    kRawState,        // a raw terraform.tfstate (`version` and `terraform_version`)
    kValues,          // planned_values, values, prior_state.values: {root_module, outputs}
    kPriorState,      // {format_version, terraform_version, values}
    kPriorValues,     // prior_state.values
    kModule,          // {address, resources, child_modules}
    kPriorModule,     //   (in prior_state)
    kResources,       // resources[]
    kPriorResources,  //   (in prior_state)
    kChildModules,    // child_modules[]
    kPriorChildModules,
    kResource,         // a resource: kept when its type is interesting
    kPriorResource,    //   (in prior_state: data sources only)
    kChanges,          // resource_changes[]
    kConfig,           // configuration
    kConfigModule,     // {resources, module_calls, outputs, variables}
    kConfigResources,  // resources[]
    kModuleCalls,      // {name: call}
    kModuleCall,       // {source, expressions, module}
    kRawResources,     // resources[] of a raw state
    kUnread,           // an array or object whose elements / members the loader never reads
  };

  int Root() const override { return kRoot; }

  int Enter(int parent, std::string_view key) const override {
    switch (parent) {
      case kPlan:
        if (key == "planned_values" || key == "values") return kValues;
        if (key == "prior_state") return kPriorState;
        if (key == "resource_changes") return kChanges;
        if (key == "configuration") return kConfig;
        if (key == "resource_drift" || key == "relevant_attributes" || key == "output_changes" ||
            key == "checks") {
          return kUnread;
        }
        return kAll;
      case kRawState:
        return key == "resources" ? kRawResources : kAll;
      case kValues:
        return key == "root_module" ? kModule : kAll;
      case kPriorState:
        return key == "values" ? kPriorValues : kAll;
      case kPriorValues:
        return key == "root_module" ? kPriorModule : kAll;
      case kModule:
        if (key == "resources") return kResources;
        return key == "child_modules" ? kChildModules : kAll;
      case kPriorModule:
        if (key == "resources") return kPriorResources;
        return key == "child_modules" ? kPriorChildModules : kAll;
      case kResources:
      case kChanges:
      case kConfigResources:
      case kRawResources:
        return kResource;
      case kPriorResources:
        return kPriorResource;
      case kChildModules:
        return kModule;
      case kPriorChildModules:
        return kPriorModule;
      case kConfig:
        return key == "root_module" ? kConfigModule : kAll;
      case kConfigModule:
        if (key == "resources") return kConfigResources;
        return key == "module_calls" ? kModuleCalls : kAll;
      case kModuleCalls:
        return kModuleCall;
      case kModuleCall:
        return key == "module" ? kConfigModule : kAll;
      case kUnread:
        return kDrop;
      default:
        return kAll;
    }
  }

  int Member(int state, std::string_view key, const Value& value) const override {
    switch (state) {
      case kRoot:
      case kRootVersion:
      case kRootTfVersion:
        if (key == "format_version") return kPlan;
        if (key == "version") return state == kRootTfVersion ? kRawState : kRootVersion;
        if (key == "terraform_version") return state == kRootVersion ? kRawState : kRootTfVersion;
        return state;
      case kPriorResource:
        if (key == "mode" && value.IsString() && value.str() != "data") return kDrop;
        [[fallthrough]];
      case kResource:
        if (key != "type") return state;
        return value.IsString() && !Interesting(value.str()) ? kDrop : kAll;
      default:
        return state;
    }
  }
};

/// The awscc provider (Cloud Control) names attributes after CloudFormation properties.
bool IsAwscc(const std::string& type) { return type.rfind("awscc_", 0) == 0; }
bool IsRoleType(const std::string& type) {
  return type == "aws_iam_role" || type == "awscc_iam_role";
}

bool IsUnknown(const Value* after_unknown, std::string_view attr) {
  if (after_unknown == nullptr) return false;
  const Value* v = after_unknown->Find(attr);
  return v != nullptr && v->IsBool() && v->AsBool();
}

const Value* KnownAttr(const Instance& in, std::string_view attr) {
  if (in.values == nullptr) return nullptr;
  const Value* v = in.values->Find(attr);
  if (v == nullptr || v->IsNull()) return nullptr;
  return v;
}

std::string StringAttr(const Instance& in, std::string_view attr) {
  const Value* v = KnownAttr(in, attr);
  return v != nullptr && v->IsString() ? v->str() : std::string();
}

/// The role name at the end of a role ARN (`arn:aws:iam::1:role/path/name` -> `name`).
std::string RoleNameFromArn(const std::string& arn) {
  size_t role = arn.find(":role/");
  if (role == std::string::npos) return "";
  size_t slash = arn.rfind('/');
  return arn.substr(slash + 1);
}

class PlanLoader {
 public:
  PlanLoader(const InputFile& in, Scope* scope, std::vector<LoadError>* errors)
      : in_(in), scope_(scope), errors_(errors), builder_(scope) {}

  void Run() {
    const Value& root = in_.doc.root();
    if (root.Find("format_version") == nullptr && root.Find("version") != nullptr) {
      RunRawState(root);
      return;
    }
    if (const Value* fv = root.Find("format_version"); fv != nullptr && fv->IsString()) {
      if (!fv->str().empty() && fv->str()[0] != '0' && fv->str()[0] != '1') {
        Error(fv, "/format_version",
              "unsupported plan format_version \"" + fv->str() +
                  "\": iamlint reads formats 0.x and 1.x");
        return;
      }
    }
    if (!Shaped(root, Want::kObject, "")) return;
    IndexChanges(root);
    IndexConfiguration(root);
    const Value* pv = Get(root, "planned_values", Want::kObject, "");
    const Value* vals = pv == nullptr ? Get(root, "values", Want::kObject, "") : nullptr;
    if (pv != nullptr) {
      if (const Value* rm = Get(*pv, "root_module", Want::kObject, "/planned_values")) {
        CollectModule(*rm, "/planned_values/root_module", "");
      }
    } else if (vals != nullptr) {
      scope_->kind = Scope::Kind::kTerraformState;
      if (const Value* rm = Get(*vals, "root_module", Want::kObject, "/values")) {
        CollectModule(*rm, "/values/root_module", "");
      }
    } else {
      CollectFromChanges(root);
    }
    if (const Value* ps = Get(root, "prior_state", Want::kObject, "")) {
      if (const Value* pvals = Get(*ps, "values", Want::kObject, "/prior_state")) {
        if (const Value* rm = Get(*pvals, "root_module", Want::kObject, "/prior_state/values")) {
          CollectModule(*rm, "/prior_state/values/root_module", "", /*data_only=*/true);
        }
      }
    }
    AddDeferredReads();
    Build();
  }

 private:
  void Error(const Value* at, const std::string& pointer, std::string message) {
    LoadError e;
    e.file = in_.path;
    e.pointer = pointer;
    e.line = at != nullptr ? in_.doc.LineOf(at->offset()) : 0;
    e.message = std::move(message);
    errors_->push_back(std::move(e));
  }

  Location Loc(const std::string& pointer, size_t offset) const {
    return Location{in_.path, pointer, in_.doc.LineOf(offset)};
  }

  // ---- shapes --------------------------------------------------------------
  // Wherever the loader expects an object, an array or a string, anything else (but null,
  // which Terraform writes for "none") is a located input error: a plan whose resources are
  // not a list was never read, and must not pass as checked.

  enum class Want { kObject, kArray, kString, kObjectOrBool };

  static const char* WantName(Want w) {
    switch (w) {
      case Want::kObject:
        return "an object";
      case Want::kArray:
        return "an array";
      case Want::kString:
        return "a string";
      case Want::kObjectOrBool:
        return "an object or a boolean";
    }
    return "";
  }

  static const char* TypeName(const Value& v) {
    if (v.IsObject()) return "an object";
    if (v.IsArray()) return "an array";
    if (v.IsString()) return "a string";
    if (v.IsNumber()) return "a number";
    if (v.IsBool()) return "a boolean";
    return "null";
  }

  /// Whether `v` (at `pointer`) has the shape wanted; a located error when it has another
  /// (null is "none": false, without an error).
  bool Shaped(const Value& v, Want want, const std::string& pointer) {
    if (v.IsNull()) return false;
    bool ok = false;
    switch (want) {
      case Want::kObject:
        ok = v.IsObject();
        break;
      case Want::kArray:
        ok = v.IsArray();
        break;
      case Want::kString:
        ok = v.IsString();
        break;
      case Want::kObjectOrBool:
        ok = v.IsObject() || v.IsBool();
        break;
    }
    if (!ok) {
      Error(&v, pointer,
            std::string("not a Terraform plan or state as iamlint reads it: ") + WantName(want) +
                " was expected here, but it is " + TypeName(v) + "; nothing in it was checked");
    }
    return ok;
  }

  /// Member `key` of the object `parent` (at `pointer`) when it has the shape wanted; nullptr
  /// when absent or null, and a located error when it has another shape.
  const Value* Get(const Value& parent, std::string_view key, Want want,
                   const std::string& pointer) {
    const Value* v = parent.Find(key);
    if (v == nullptr) return nullptr;
    return Shaped(*v, want, json::PointerAppend(pointer, key)) ? v : nullptr;
  }

  /// A raw `terraform.tfstate` (version 4): `resources[].instances[].attributes`.
  void RunRawState(const Value& root) {
    scope_->kind = Scope::Kind::kTerraformState;
    const Value* version = root.Find("version");
    if (!version->IsNumber() || version->str() != "4") {
      Error(version, "/version",
            "terraform.tfstate version " + version->str() +
                " is not supported: iamlint reads version 4 (Terraform 0.12 and later); run "
                "`terraform show -json > state.json` with the Terraform that wrote it");
      return;
    }
    const Value* resources = Get(root, "resources", Want::kArray, "");
    if (resources == nullptr) return;
    for (const Value& r : resources->items()) {
      const std::string rp = json::PointerAppend("/resources", Index(r));
      if (!Shaped(r, Want::kObject, rp)) continue;
      const Value* type = Get(r, "type", Want::kString, rp);
      const Value* name = Get(r, "name", Want::kString, rp);
      const Value* instances = Get(r, "instances", Want::kArray, rp);
      const Value* mode = Get(r, "mode", Want::kString, rp);
      const Value* module = Get(r, "module", Want::kString, rp);
      if (type == nullptr || !Interesting(type->str()) || name == nullptr || instances == nullptr) {
        continue;
      }
      std::string mode_s = mode != nullptr ? mode->str() : "managed";
      std::string module_s = module != nullptr ? module->str() : "";
      for (const Value& inst : instances->items()) {
        const std::string ip =
            json::PointerAppend(json::PointerAppend(rp, "instances"), Index(inst));
        if (!Shaped(inst, Want::kObject, ip)) continue;
        Instance in;
        in.module = module_s;
        in.mode = mode_s;
        in.type = type->str();
        in.name = name->str();
        in.key = IndexKey(inst.Find("index_key"));
        std::string local = (in.mode == "data" ? "data." : "") + in.type + "." + in.name;
        std::string mpath = StripKeys(module_s);
        in.config_key = mpath.empty() ? local : mpath + "." + local;
        in.address = (module_s.empty() ? "" : module_s + ".") + local +
                     (in.key.empty() ? "" : "[" + in.key + "]");
        in.values = Get(inst, "attributes", Want::kObject, ip);
        in.pointer = ip;
        in.offset = inst.offset();
        if (by_address_.count(in.address) > 0) continue;
        by_address_[in.address] = instances_.size();
        instances_.push_back(std::move(in));
      }
    }
    Build();
  }

  // ---- indexing ----------------------------------------------------------

  void IndexChanges(const Value& root) {
    const Value* rc = Get(root, "resource_changes", Want::kArray, "");
    if (rc == nullptr) return;
    for (const Value& c : rc->items()) {
      const std::string cp = json::PointerAppend("/resource_changes", Index(c));
      if (!Shaped(c, Want::kObject, cp)) continue;
      const Value* addr = Get(c, "address", Want::kString, cp);
      const Value* change = Get(c, "change", Want::kObject, cp);
      for (const char* s : {"type", "mode", "module_address", "name"}) Get(c, s, Want::kString, cp);
      if (addr == nullptr || change == nullptr) continue;
      const std::string chp = json::PointerAppend(cp, "change");
      const Value* acts = Get(*change, "actions", Want::kArray, chp);
      Get(*change, "after", Want::kObject, chp);
      Get(*change, "before", Want::kObject, chp);
      Get(*change, "after_unknown", Want::kObjectOrBool, chp);
      if (acts != nullptr) {
        for (const Value& a : acts->items()) {
          Shaped(a, Want::kString,
                 json::PointerAppend(json::PointerAppend(chp, "actions"), Index(a)));
        }
      }
      changes_[addr->str()] = {&c, Index(c)};
      NoteDestroyed(c, *change, cp);
    }
  }

  /// Roles this plan deletes without re-creating them: an app that still names one by ARN
  /// will point at nothing after apply.
  void NoteDestroyed(const Value& c, const Value& change, const std::string& pointer) {
    const Value* type = c.Find("type");
    const Value* mode = c.Find("mode");
    if (type == nullptr || !type->IsString() || !IsRoleType(type->str())) return;
    if (mode != nullptr && mode->IsString() && mode->str() != "managed") return;
    // "forget" (a `removed` block with destroy = false) leaves the role in AWS.
    const Value* acts = change.Find("actions");
    if (!IsDeleteOnly(change) || acts == nullptr) return;
    bool deletes = false;
    for (const auto& a : acts->items()) deletes = deletes || (a.IsString() && a.str() == "delete");
    if (!deletes) return;
    Destroyed d;
    d.display = c.Find("address")->str();
    d.type = type->str();
    const Value* before = change.Find("before");
    auto known = [&](const char* attr) {
      const Value* v = before != nullptr ? before->Find(attr) : nullptr;
      return v != nullptr && v->IsString() && !v->str().empty() ? Known<std::string>::Of(v->str())
                                                                : Known<std::string>::Unknown();
    };
    d.arn = known("arn");
    d.name = known(IsAwscc(d.type) ? "role_name" : "name");
    d.loc = Loc(pointer, c.offset());
    scope_->destroyed.push_back(std::move(d));
  }

  struct ConfigModule {
    const Value* module = nullptr;  // {resources, module_calls, outputs, variables}
    const Value* call = nullptr;    // the parent's module_calls entry (null for root)
    std::string parent;             // parent module path ("" for root)
  };

  void IndexConfiguration(const Value& root) {
    const Value* cfg = Get(root, "configuration", Want::kObject, "");
    if (cfg == nullptr) return;
    const Value* rm = Get(*cfg, "root_module", Want::kObject, "/configuration");
    if (rm == nullptr) return;
    IndexConfigModule(*rm, "", nullptr, "", "/configuration/root_module");
  }

  /// One module of the configuration (nested no deeper than the parser's depth limit lets
  /// JSON nest, so the recursion is bounded).
  void IndexConfigModule(const Value& m, const std::string& path, const Value* call,
                         const std::string& parent, const std::string& pointer) {
    config_modules_[path] = {&m, call, parent};
    if (const Value* res = Get(m, "resources", Want::kArray, pointer)) {
      const std::string rsp = json::PointerAppend(pointer, "resources");
      for (const auto& r : res->items()) {
        const std::string rp = json::PointerAppend(rsp, Index(r));
        if (!Shaped(r, Want::kObject, rp)) continue;
        Get(r, "expressions", Want::kObject, rp);
        const Value* a = Get(r, "address", Want::kString, rp);
        if (a == nullptr) continue;
        config_resources_[path.empty() ? a->str() : path + "." + a->str()] = &r;
      }
    }
    if (const Value* outputs = Get(m, "outputs", Want::kObject, pointer)) {
      const std::string op = json::PointerAppend(pointer, "outputs");
      for (const auto& o : outputs->members()) {
        const std::string one = json::PointerAppend(op, o.key);
        if (!Shaped(*o.value, Want::kObject, one)) continue;
        if (const Value* e = Get(*o.value, "expression", Want::kObject, one)) {
          NoteExpression(*e, json::PointerAppend(one, "expression"));
        }
      }
    }
    Get(m, "variables", Want::kObject, pointer);
    if (const Value* calls = Get(m, "module_calls", Want::kObject, pointer)) {
      const std::string cp = json::PointerAppend(pointer, "module_calls");
      for (const auto& mc : calls->members()) {
        const std::string one = json::PointerAppend(cp, mc.key);
        if (!Shaped(*mc.value, Want::kObject, one)) continue;
        if (const Value* exprs = Get(*mc.value, "expressions", Want::kObject, one)) {
          for (const auto& e : exprs->members()) {
            NoteExpression(*e.value,
                           json::PointerAppend(json::PointerAppend(one, "expressions"), e.key));
          }
        }
        const Value* child = Get(*mc.value, "module", Want::kObject, one);
        if (child == nullptr) continue;
        std::string child_path = (path.empty() ? "" : path + ".") + "module." + mc.key;
        IndexConfigModule(*child, child_path, mc.value.get(), path,
                          json::PointerAppend(one, "module"));
      }
    }
  }

  /// Remembers where an expression that references pass through (a module output, a module
  /// call's argument) is written, for the error a reference cycle gets.
  void NoteExpression(const Value& e, std::string pointer) {
    if (!e.IsObject()) return;
    if (const Value* refs = Get(e, "references", Want::kArray, pointer)) {
      (void)refs;
      expression_pointer_.emplace(&e, std::move(pointer));
    }
  }

  /// A module of planned_values / values / prior_state.values (nested no deeper than the
  /// parser's depth limit lets JSON nest: every module is read, however deep).
  void CollectModule(const Value& m, const std::string& pointer, const std::string& module,
                     bool data_only = false) {
    if (const Value* res = Get(m, "resources", Want::kArray, pointer)) {
      const std::string rsp = json::PointerAppend(pointer, "resources");
      for (const Value& r : res->items()) {
        const std::string rp = json::PointerAppend(rsp, Index(r));
        if (!Shaped(r, Want::kObject, rp)) continue;
        AddInstance(r, rp, module, data_only, Get(r, "values", Want::kObject, rp));
      }
    }
    if (const Value* kids = Get(m, "child_modules", Want::kArray, pointer)) {
      const std::string kp = json::PointerAppend(pointer, "child_modules");
      for (const Value& k : kids->items()) {
        const std::string one = json::PointerAppend(kp, Index(k));
        if (!Shaped(k, Want::kObject, one)) continue;
        const Value* a = Get(k, "address", Want::kString, one);
        std::string child = a != nullptr ? a->str() : module;
        CollectModule(k, one, child, data_only);
      }
    }
  }

  void AddInstance(const Value& r, const std::string& pointer, const std::string& module,
                   bool data_only, const Value* values) {
    const Value* type = Get(r, "type", Want::kString, pointer);
    const Value* addr = Get(r, "address", Want::kString, pointer);
    const Value* mode = Get(r, "mode", Want::kString, pointer);
    const Value* name = Get(r, "name", Want::kString, pointer);
    if (type == nullptr || !Interesting(type->str())) return;
    if (addr == nullptr || name == nullptr) return;
    std::string mode_s = mode != nullptr ? mode->str() : "managed";
    if (data_only && mode_s != "data") return;
    auto found = by_address_.find(addr->str());
    if (found != by_address_.end()) {
      // Seen in planned_values already: prior_state may hold the values read at plan time.
      Instance& existing = instances_[found->second];
      if (existing.values == nullptr || existing.values->Find("json") == nullptr) {
        if (values != nullptr && values->Find("json") != nullptr) existing.values = values;
      }
      return;
    }
    Instance in;
    in.address = addr->str();
    in.module = module;
    in.mode = mode_s;
    in.type = type->str();
    in.name = name->str();
    in.key = IndexKey(r.Find("index"));
    std::string local = (in.mode == "data" ? "data." : "") + in.type + "." + in.name;
    std::string mpath = StripKeys(module);
    in.config_key = mpath.empty() ? local : mpath + "." + local;
    in.values = values;
    in.pointer = pointer;
    in.offset = r.offset();
    if (auto ch = changes_.find(in.address); ch != changes_.end()) {
      const Value* change = ch->second.first->Find("change");
      in.after_unknown = change->Find("after_unknown");
      if (const Value* acts = change->Find("actions"); acts != nullptr && acts->IsArray()) {
        for (const auto& a : acts->items()) {
          if (a.IsString() && a.str() == "read") in.deferred = true;
        }
      }
      if (in.values == nullptr) {
        in.values = change->Find("after");
        if (in.values != nullptr && !in.values->IsObject()) in.values = nullptr;
      }
    }
    by_address_[in.address] = instances_.size();
    instances_.push_back(std::move(in));
  }

  /// Plans without planned_values: take resources from resource_changes.
  void CollectFromChanges(const Value& root) {
    const Value* rc = root.Find("resource_changes");
    if (rc == nullptr || !rc->IsArray()) return;  // (its shape was checked by IndexChanges)
    for (const Value& c : rc->items()) {
      const Value* change = c.Find("change");
      if (change == nullptr || !change->IsObject() || IsDeleteOnly(*change)) continue;
      const Value* ma = c.Find("module_address");
      std::string module = ma != nullptr && ma->IsString() ? ma->str() : "";
      AddInstance(c, json::PointerAppend("/resource_changes", Index(c)), module, false,
                  change->Find("after"));
    }
  }

  static bool IsDeleteOnly(const Value& change) {
    const Value* acts = change.Find("actions");
    if (acts == nullptr || !acts->IsArray()) return false;
    bool del = false;
    bool create = false;
    for (const auto& a : acts->items()) {
      if (!a.IsString()) continue;
      if (a.str() == "delete" || a.str() == "forget") del = true;
      if (a.str() == "create" || a.str() == "update" || a.str() == "no-op" || a.str() == "read") {
        create = true;
      }
    }
    return del && !create;
  }

  /// Data sources deferred to apply appear only in resource_changes (action "read").
  void AddDeferredReads() {
    for (const auto& [addr, entry] : changes_) {
      const Value& c = *entry.first;
      const Value* mode = c.Find("mode");
      if (mode == nullptr || !mode->IsString() || mode->str() != "data") continue;
      if (by_address_.count(addr) > 0) continue;
      const Value* ma = c.Find("module_address");
      std::string module = ma != nullptr && ma->IsString() ? ma->str() : "";
      AddInstance(c, json::PointerAppend("/resource_changes", entry.second), module, false,
                  nullptr);
    }
  }

  // ---- references --------------------------------------------------------

  const Value* ConfigResource(const Instance& in) const {
    auto it = config_resources_.find(in.config_key);
    return it == config_resources_.end() ? nullptr : it->second;
  }

  /// The configuration expression of `attr` on an instance (nullptr when none).
  const Value* Expression(const Instance& in, std::string_view attr) const {
    const Value* cr = ConfigResource(in);
    if (cr == nullptr) return nullptr;
    const Value* exprs = cr->Find("expressions");
    return exprs == nullptr ? nullptr : exprs->Find(attr);
  }

  /// Last instance key of a module instance address (`module.web["dev"]` -> `"dev"`).
  static std::string ModuleKey(const std::string& module) {
    auto segs = SplitAddress(module);
    return segs.empty() ? "" : segs.back().key;
  }

  /// Parent module instance address (`module.a[0].module.b` -> `module.a[0]`).
  static std::string ParentModule(const std::string& module) {
    auto segs = SplitAddress(module);
    if (segs.size() < 2) return "";
    return JoinSegments(segs, 0, segs.size() - 2, true);
  }

  /// Instances of a resource named by a reference in module instance `module`.
  std::vector<const Instance*> FindInstances(const std::string& module, const std::string& local,
                                             const std::string& explicit_key,
                                             const std::string& referrer_key) const {
    const std::string local_key = module + "\n" + local;
    auto found = by_local_.find(local_key);
    if (found == by_local_.end()) return {};
    const std::vector<const Instance*>& all = found->second;
    auto keyed = [&](const std::string& k) -> std::vector<const Instance*> {
      auto it = by_key_.find(local_key + "\n" + k);
      return it == by_key_.end() ? std::vector<const Instance*>() : it->second;
    };
    if (!explicit_key.empty()) return keyed(explicit_key);
    if (all.size() <= 1) return all;
    if (referrer_key.empty()) return {};
    return keyed(referrer_key);  // ambiguous without a matching key: nothing (unknown)
  }

  /// What a reference comes to once module outputs and module variables are followed: a
  /// reference (`aws_iam_role.r.arn`, `data.x.y`, `local.z`) written in module instance
  /// `module`, read for a referrer whose instance key is `key`.
  struct Leaf {
    std::string module;
    std::string ref;
    std::string key;
    bool operator<(const Leaf& o) const {
      return std::tie(module, ref, key) < std::tie(o.module, o.ref, o.key);
    }
    bool operator==(const Leaf& o) const {
      return module == o.module && ref == o.ref && key == o.key;
    }
  };

  /// Hops through module outputs and variables one chain of references may take. Terraform
  /// keeps chains far shorter; a longer one is refused (a located error), which also bounds
  /// the recursion.
  static constexpr size_t kMaxHops = 2000;

  /// The leaves an expression's references come to, each expression resolved once per
  /// module instance and key (so chains and fan-outs cost their size, not their paths). A
  /// reference cycle (which Terraform never plans) resolves to nothing, and is a located
  /// error: the plan is inconsistent.
  const std::vector<Leaf>& Leaves(const Value* expr, const std::string& module,
                                  const std::string& key) const {
    static const std::vector<Leaf> kNone;
    if (expr == nullptr || !expr->IsObject()) return kNone;
    const Value* refs = expr->Find("references");
    if (refs == nullptr || !refs->IsArray()) return kNone;
    std::string memo_key(reinterpret_cast<const char*>(&expr), sizeof expr);
    memo_key += module;
    memo_key += '\n';
    memo_key += key;
    auto [it, fresh] = leaves_.try_emplace(memo_key);
    if (!fresh) {
      if (!it->second.done) ReportCycle(expr, "a reference cycle: it refers back to itself");
      return it->second.leaves;
    }
    if (hops_ >= kMaxHops) {
      ReportCycle(expr, "a chain of more than " + std::to_string(kMaxHops) +
                            " module outputs and variables, which iamlint does not follow");
      it->second.done = true;
      return it->second.leaves;
    }
    ++hops_;
    std::vector<Leaf> out;
    for (const auto& r : refs->items()) {
      if (r.IsString()) ResolveRef(r.str(), module, key, &out);
    }
    --hops_;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    // (`it` may have moved while the map grew.)
    Memo& m = leaves_[memo_key];
    m.leaves = std::move(out);
    m.done = true;
    return m.leaves;
  }

  void ReportCycle(const Value* expr, const std::string& what) const {
    if (!cycle_reported_.insert(expr).second) return;
    auto p = expression_pointer_.find(expr);
    const std::string pointer = p != expression_pointer_.end() ? p->second : "/configuration";
    LoadError e;
    e.file = in_.path;
    e.pointer = pointer;
    e.line = in_.doc.LineOf(expr->offset());
    e.message = "the configuration's references here form " + what +
                " (Terraform plans no such configuration); the values that depend on it are "
                "treated as unknown";
    errors_->push_back(std::move(e));
  }

  void ResolveRef(const std::string& ref, const std::string& module, const std::string& key,
                  std::vector<Leaf>* out) const {
    auto segs = SplitAddress(ref);
    if (segs.empty()) return;
    const std::string& head = segs[0].name;
    if (head == "var" && segs.size() >= 2) {
      if (module.empty()) return;  // root variables: values are already in the plan
      auto cm = config_modules_.find(StripKeys(module));
      if (cm == config_modules_.end() || cm->second.call == nullptr) return;
      const Value* exprs = cm->second.call->Find("expressions");
      if (exprs == nullptr) return;
      for (const Leaf& l :
           Leaves(exprs->Find(segs[1].name), ParentModule(module), ModuleKey(module))) {
        out->push_back(l);
      }
      return;
    }
    if (head == "module" && segs.size() >= 3) {
      std::string child = (module.empty() ? "" : module + ".") + "module." + segs[1].name;
      std::string child_key = LiteralKey(segs[1].key);
      if (child_key.empty()) {
        // module.x with for_each referenced without a key: the referrer's key if it fits.
        auto next = by_local_.lower_bound(child + "[");
        bool keyed = next != by_local_.end() && next->first.rfind(child + "[", 0) == 0;
        if (keyed) child_key = key;
        if (keyed && child_key.empty()) return;
      }
      if (!child_key.empty()) child += "[" + child_key + "]";
      auto cm = config_modules_.find(StripKeys(child));
      if (cm == config_modules_.end()) return;
      const Value* outputs = cm->second.module->Find("outputs");
      const Value* o = outputs != nullptr ? outputs->Find(segs[2].name) : nullptr;
      if (o == nullptr) return;
      for (const Leaf& l : Leaves(o->Find("expression"), child, key)) out->push_back(l);
      return;
    }
    out->push_back({module, ref, key});
  }

  /// Whether a reference starting with `head` names a resource (not `local.x`, `each.key`, ...).
  static bool NamesResource(const std::string& head) {
    static const std::set<std::string> kOther = {"local",     "each", "count", "path",
                                                 "terraform", "self", "var",   "module"};
    return kOther.count(head) == 0;
  }

  /// Resolves an expression to the resource instances it references.
  void ResolveExpr(const Value* expr, const std::string& module, const std::string& key,
                   std::vector<const Instance*>* out) const {
    for (const Leaf& l : Leaves(expr, module, key)) {
      auto segs = SplitAddress(l.ref);
      const std::string& head = segs[0].name;
      if (head == "data" && segs.size() >= 3) {
        for (const auto* in : FindInstances(l.module, "data." + segs[1].name + "." + segs[2].name,
                                            LiteralKey(segs[2].key), l.key)) {
          out->push_back(in);
        }
        continue;
      }
      if (!NamesResource(head) || segs.size() < 2) continue;
      for (const auto* in :
           FindInstances(l.module, head + "." + segs[1].name, LiteralKey(segs[1].key), l.key)) {
        out->push_back(in);
      }
    }
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
  }

  /// The resource attributes an expression reads, as module-qualified addresses
  /// (`module.app.aws_iam_access_key.k.secret`), once outputs and variables are followed.
  std::vector<std::string> AttributeReferences(const Value* expr, const std::string& module,
                                               const std::string& key) const {
    std::vector<std::string> out;
    for (const Leaf& l : Leaves(expr, module, key)) {
      auto segs = SplitAddress(l.ref);
      if (!NamesResource(segs[0].name)) continue;
      const size_t attr = segs[0].name == "data" ? 3 : 2;  // the attribute's segment
      if (segs.size() <= attr) continue;                   // the resource itself
      out.push_back(l.module.empty() ? l.ref : l.module + "." + l.ref);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  std::vector<const Instance*> Refs(const Instance& in, std::string_view attr,
                                    const std::string& type) const {
    std::vector<const Instance*> all;
    ResolveExpr(Expression(in, attr), in.module, in.key, &all);
    std::vector<const Instance*> typed;
    for (const auto* t : all) {
      if (t->type == type || (type == "aws_iam_role" && IsRoleType(t->type))) typed.push_back(t);
    }
    return typed;
  }

  bool HasReferences(const Instance& in, std::string_view attr) const {
    const Value* e = Expression(in, attr);
    const Value* refs = e != nullptr ? e->Find("references") : nullptr;
    return refs != nullptr && refs->IsArray() && !refs->items().empty();
  }

  // ---- building the model -------------------------------------------------

  int RoleIndex(const Instance* in) const {
    auto it = role_index_.find(in);
    return it == role_index_.end() ? -1 : it->second;
  }

  /// The first value of `key` in an index, or -1.
  static int Lookup(const std::unordered_map<std::string, int>& index, const std::string& key) {
    auto it = index.find(key);
    return it == index.end() ? -1 : it->second;
  }

  /// The first role with this ARN, else the first with this name (by default the name the
  /// ARN ends with), or -1.
  int RoleByArnOrName(const std::string& arn, const std::string& name) const {
    if (!arn.empty()) {
      if (int i = Lookup(role_by_arn_, arn); i >= 0) return i;
    }
    const std::string want = name.empty() && !arn.empty() ? RoleNameFromArn(arn) : name;
    return want.empty() ? -1 : Lookup(role_by_name_, want);
  }

  /// Indexes the roles by ARN and by name (first one wins), once they are all known.
  void IndexRoles() {
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

  /// The destroyed role this ARN (or name) names, or -1: the first with this ARN or, among
  /// those whose old ARN is not known, this name (the role's identity within the account).
  int DestroyedRole(const std::string& arn_or_name) const {
    std::string name = RoleNameFromArn(arn_or_name);
    if (name.empty()) name = arn_or_name;
    const int by_arn = Lookup(destroyed_by_arn_, arn_or_name);
    const int by_name = Lookup(destroyed_by_name_, name);
    if (by_arn < 0 || by_name < 0) return std::max(by_arn, by_name);
    return std::min(by_arn, by_name);
  }

  RoleRef ResolveRole(const Instance& in, std::string_view attr) const {
    RoleRef ref;
    ref.loc = Loc(in.pointer, in.offset);
    // A conditional expression references every branch; only one reference that exists
    // in this instance's module is a link.
    std::vector<const Instance*> refs = Refs(in, attr, "aws_iam_role");
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
        HasReferences(in, attr)) {
      ref.state = RoleRef::State::kUnknown;
    }
    return ref;
  }

  /// Policy document held by attribute `attr` (a JSON string), or rendered by a
  /// referenced aws_iam_policy_document.
  /// A known attribute of the expected shape (see Shaped); nullptr when null or absent.
  const Value* ShapedAttr(const Instance& in, std::string_view attr, Want want) {
    const Value* v = KnownAttr(in, attr);
    if (v == nullptr) return nullptr;
    const std::string pointer =
        json::PointerAppend(json::PointerAppend(in.pointer, "values"), attr);
    return Shaped(*v, want, pointer) ? v : nullptr;
  }

  Known<PolicyDocument> DocumentOf(const Instance& in, std::string_view attr,
                                   const std::string& pointer_base) {
    const Value* v = KnownAttr(in, attr);
    if (v != nullptr && !Shaped(*v, Want::kString, json::PointerAppend(pointer_base, attr))) {
      return Known<PolicyDocument>::Unknown();
    }
    if (v != nullptr && v->IsString()) {
      return ParseEmbedded(*v, json::PointerAppend(pointer_base, attr));
    }
    std::vector<const Instance*> docs = Refs(in, attr, "aws_iam_policy_document");
    if (v == nullptr && docs.size() == 1) return DataDocument(*docs[0]);
    if (v == nullptr && !IsUnknown(in.after_unknown, attr) && !HasReferences(in, attr)) {
      return Known<PolicyDocument>::Absent();
    }
    return Known<PolicyDocument>::Unknown();
  }

  Known<PolicyDocument> ParseEmbedded(const Value& str, const std::string& pointer) {
    if (str.str().empty()) return Known<PolicyDocument>::Absent();
    // Plans repeat policy texts (one trust policy for many roles): each is parsed once.
    auto [it, fresh] = embedded_.try_emplace(str.str());
    Embedded& parsed = it->second;
    if (fresh && !ParsePolicyText(str.str(), &parsed.doc, &parsed.error)) parsed.failed = true;
    if (parsed.failed) {
      Error(&str, pointer, "embedded policy: " + parsed.error);
      return Known<PolicyDocument>::Unknown();
    }
    // Statements point at the string that holds them (the outer pointer), on its line.
    Location loc = Loc(pointer, str.offset());
    return Known<PolicyDocument>::Of(PolicyFromJson(parsed.doc.root(), loc, nullptr));
  }

  /// The document of an aws_iam_policy_document instance: its rendered `json`
  /// when known, else rebuilt from its `statement` blocks.
  Known<PolicyDocument> DataDocument(const Instance& d) {
    const Value* j = KnownAttr(d, "json");
    if (j != nullptr && j->IsString()) {
      return ParseEmbedded(*j,
                           json::PointerAppend(json::PointerAppend(d.pointer, "values"), "json"));
    }
    PolicyDocument pd;
    pd.loc = Loc(d.pointer, d.offset);
    pd.version = "2012-10-17";
    const Value* stmts = ShapedAttr(d, "statement", Want::kArray);
    const Value* unk = d.after_unknown != nullptr ? d.after_unknown->Find("statement") : nullptr;
    if (unk != nullptr && unk->IsBool() && unk->AsBool()) {
      pd.partially_unknown = pd.unknown_statements = true;
    }
    if (stmts != nullptr && stmts->IsArray()) {
      for (size_t i = 0; i < stmts->items().size(); ++i) {
        const Value* su = unk != nullptr ? unk->At(i) : nullptr;
        pd.statements.push_back(StatementFromBlock(stmts->items()[i], su, d, i));
        if (pd.statements.back().partially_unknown) pd.partially_unknown = true;
      }
    } else if (const Value* e = Expression(d, "statement"); e != nullptr && e->IsArray()) {
      for (size_t i = 0; i < e->items().size(); ++i) {
        pd.statements.push_back(StatementFromConfig(e->items()[i], d, i));
        if (pd.statements.back().partially_unknown) pd.partially_unknown = true;
      }
    } else {
      return Known<PolicyDocument>::Unknown();
    }
    for (const char* extra :
         {"source_policy_documents", "override_policy_documents", "source_json", "override_json"}) {
      const Value* v = KnownAttr(d, extra);
      bool nonempty = v != nullptr && ((v->IsArray() && !v->items().empty()) ||
                                       (v->IsString() && !v->str().empty()));
      if (nonempty || IsUnknown(d.after_unknown, extra)) {
        pd.partially_unknown = pd.unknown_statements = true;
      }
    }
    return Known<PolicyDocument>::Of(std::move(pd));
  }

  static std::vector<std::string> Strings(const Value* v) {
    std::vector<std::string> out;
    if (v == nullptr) return out;
    if (v->IsString()) out.push_back(v->str());
    for (const auto& i : v->items()) {
      if (i.IsString()) out.push_back(i.str());
    }
    return out;
  }

  Statement StatementFromBlock(const Value& b, const Value* unk, const Instance& d, size_t i) {
    Statement st;
    st.loc =
        Loc(json::PointerAppend(json::PointerAppend(d.pointer, "values/statement"), i), b.offset());
    auto unknown = [&](const char* f) {
      if (unk == nullptr) return false;
      const Value* u = unk->Find(f);
      if (u == nullptr) return false;
      if (u->IsBool()) return u->AsBool();
      return u->Dump().find("true") != std::string::npos;
    };
    for (const char* f : {"sid", "condition"}) {
      if (unknown(f)) st.partially_unknown = true;
    }
    for (const char* f : {"effect", "actions", "not_actions", "resources", "not_resources",
                          "principals", "not_principals"}) {
      if (unknown(f)) st.partially_unknown = st.unknown_core = true;
    }
    if (const Value* s = b.Find("sid"); s != nullptr && s->IsString()) st.sid = s->str();
    const Value* eff = b.Find("effect");
    st.effect =
        eff != nullptr && eff->IsString() && eff->str() == "Deny" ? Effect::kDeny : Effect::kAllow;
    FillLists(&st, Strings(b.Find("actions")), Strings(b.Find("not_actions")),
              Strings(b.Find("resources")), Strings(b.Find("not_resources")), b.Find("resources"),
              b.Find("not_resources"));
    FillPrincipals(&st, b.Find("principals"), false);
    FillPrincipals(&st, b.Find("not_principals"), true);
    if (const Value* conds = b.Find("condition"); conds != nullptr && conds->IsArray()) {
      for (const auto& c : conds->items()) {
        Condition cond;
        if (const Value* t = c.Find("test"); t != nullptr && t->IsString()) cond.op = t->str();
        if (const Value* v = c.Find("variable"); v != nullptr && v->IsString()) cond.key = v->str();
        cond.values = Strings(c.Find("values"));
        st.conditions.push_back(std::move(cond));
      }
    }
    return st;
  }

  /// A statement from configuration expressions (constants only; references make it unknown).
  Statement StatementFromConfig(const Value& b, const Instance& d, size_t i) {
    Statement st;
    st.loc = Loc(d.pointer, d.offset);
    (void)i;
    auto constant = [&](const Value* block, const char* f) -> const Value* {
      const Value* e = block != nullptr ? block->Find(f) : nullptr;
      if (e == nullptr) return nullptr;
      if (const Value* r = e->Find("references"); r != nullptr && !r->items().empty()) {
        st.partially_unknown = true;
        const std::string field(f);
        if (field != "sid" && field != "values" && field != "variable" && field != "test") {
          st.unknown_core = true;
        }
      }
      return e->Find("constant_value");
    };
    const Value* sid = constant(&b, "sid");
    if (sid != nullptr && sid->IsString()) st.sid = sid->str();
    const Value* eff = constant(&b, "effect");
    st.effect =
        eff != nullptr && eff->IsString() && eff->str() == "Deny" ? Effect::kDeny : Effect::kAllow;
    const Value* res = constant(&b, "resources");
    const Value* nres = constant(&b, "not_resources");
    FillLists(&st, Strings(constant(&b, "actions")), Strings(constant(&b, "not_actions")),
              Strings(res), Strings(nres), res, nres);
    for (const char* pf : {"principals", "not_principals"}) {
      const Value* blocks = b.Find(pf);
      if (blocks == nullptr || !blocks->IsArray()) continue;
      for (const auto& p : blocks->items()) {
        const Value* type = constant(&p, "type");
        const Value* ids = constant(&p, "identifiers");
        if (type == nullptr || !type->IsString()) continue;
        st.principal.present = true;
        st.not_principal = std::string(pf) == "not_principals";
        for (const auto& id : Strings(ids)) AddPrincipal(&st, type->str(), id);
      }
    }
    if (const Value* conds = b.Find("condition"); conds != nullptr && conds->IsArray()) {
      for (const auto& c : conds->items()) {
        Condition cond;
        const Value* t = constant(&c, "test");
        const Value* v = constant(&c, "variable");
        if (t != nullptr && t->IsString()) cond.op = t->str();
        if (v != nullptr && v->IsString()) cond.key = v->str();
        cond.values = Strings(constant(&c, "values"));
        st.conditions.push_back(std::move(cond));
      }
    }
    if (b.Find("dynamic") != nullptr) st.partially_unknown = st.unknown_core = true;
    return st;
  }

  static void FillLists(Statement* st, std::vector<std::string> actions,
                        std::vector<std::string> not_actions, std::vector<std::string> resources,
                        std::vector<std::string> not_resources, const Value* res_v,
                        const Value* nres_v) {
    if (!actions.empty() || not_actions.empty()) {
      st->actions = std::move(actions);
    } else {
      st->not_action = true;
      st->actions = std::move(not_actions);
    }
    if (!resources.empty() || (res_v != nullptr && !res_v->IsNull())) {
      st->has_resource = true;
      st->resources = std::move(resources);
    } else if (!not_resources.empty() || (nres_v != nullptr && !nres_v->IsNull())) {
      st->has_resource = true;
      st->not_resource = true;
      st->resources = std::move(not_resources);
    }
  }

  static void AddPrincipal(Statement* st, const std::string& type, const std::string& id) {
    if (type == "*" || (type == "AWS" && id == "*")) st->principal.any = true;
    st->principal.ids[type == "*" ? "AWS" : type].push_back(id);
  }

  static void FillPrincipals(Statement* st, const Value* blocks, bool negated) {
    if (blocks == nullptr || !blocks->IsArray() || blocks->items().empty()) return;
    st->principal.present = true;
    st->not_principal = negated;
    for (const auto& p : blocks->items()) {
      const Value* type = p.Find("type");
      if (type == nullptr || !type->IsString()) continue;
      for (const auto& id : Strings(p.Find("identifiers"))) AddPrincipal(st, type->str(), id);
    }
  }

  /// A resource-based policy: which attribute names the resource, and how its ARN is made.
  void AddResourcePolicy(const Instance& in) {
    struct Kind {
      std::string_view type;
      std::string_view service;
      std::string_view target;  // the attribute naming the resource ("": no ARN to be had)
      std::string_view policy;  // the attribute holding the policy
    };
    static constexpr Kind kKinds[] = {
        {"aws_s3_bucket_policy", "s3", "bucket", "policy"},  // a bucket name
        {"aws_sqs_queue_policy", "sqs", "queue_url", "policy"},
        {"aws_sns_topic_policy", "sns", "arn", "policy"},
        {"aws_kms_key", "kms", "arn", "policy"},
        {"aws_secretsmanager_secret_policy", "secretsmanager", "secret_arn", "policy"},
        {"aws_dynamodb_resource_policy", "dynamodb", "resource_arn", "policy"},
        {"aws_kinesis_resource_policy", "kinesis", "resource_arn", "policy"},
        {"aws_s3tables_table_bucket_policy", "s3tables", "table_bucket_arn", "resource_policy"},
        // Named by ID or name, not ARN: linted, and unknown to `simulate`.
        {"aws_api_gateway_rest_api_policy", "execute-api", "", "policy"},
        {"aws_backup_vault_policy", "backup", "", "policy"},
        {"aws_codeartifact_domain_permissions_policy", "codeartifact", "", "policy_document"},
        {"aws_opensearch_domain_policy", "es", "", "access_policies"},
        {"aws_ecr_repository_policy", "ecr", "", "policy"},
        {"aws_efs_file_system_policy", "elasticfilesystem", "", "policy"},
    };
    const Kind* kind = nullptr;
    for (const auto& k : kKinds) {
      if (k.type == in.type) kind = &k;
    }
    if (kind == nullptr) return;
    ResourcePolicy rp;
    rp.display = in.address;
    rp.service = std::string(kind->service);
    rp.loc = Loc(in.pointer, in.offset);
    std::string target = kind->target.empty() ? "" : StringAttr(in, kind->target);
    if (kind->service == "s3" && !target.empty() && target.rfind("arn:", 0) != 0) {
      target = "arn:aws:s3:::" + target;
    } else if (kind->service == "sqs") {
      target = QueueArnFromUrl(target);
    }
    rp.arn = target.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(target);
    rp.document = DocumentOf(in, kind->policy, json::PointerAppend(in.pointer, "values"));
    if (kind->service == "kms" && rp.document.absent() &&
        !IsUnknown(in.after_unknown, kind->policy) && rp.arn.known()) {
      // No policy given: AWS applies the default key policy, which lets the key's account
      // manage access with IAM policies (the account root principal on kms:*).
      rp.document = DefaultKeyPolicy(rp.arn.value(), rp.loc);
    }
    if (rp.document.absent()) return;
    scope_->resource_policies.push_back(std::move(rp));
  }

  /// `https://sqs.us-east-1.amazonaws.com/123456789012/jobs` -> `arn:aws:sqs:us-east-1:
  /// 123456789012:jobs`; "" when the URL is not of that shape.
  static std::string QueueArnFromUrl(const std::string& url) {
    static const re2::RE2 kUrl(R"(https://sqs\.([a-z0-9-]+)\.amazonaws\.com/(\d{12})/([^/]+))");
    std::string region;
    std::string account;
    std::string name;
    if (!re2::RE2::FullMatch(url, kUrl, &region, &account, &name)) return "";
    return "arn:aws:sqs:" + region + ":" + account + ":" + name;
  }

  static Known<PolicyDocument> DefaultKeyPolicy(const std::string& key_arn, const Location& loc) {
    // arn:aws:kms:REGION:ACCOUNT:key/ID
    std::vector<std::string> parts;
    size_t start = 0;
    for (int i = 0; i < 5; ++i) {
      size_t colon = key_arn.find(':', start);
      if (colon == std::string::npos) return Known<PolicyDocument>::Unknown();
      parts.push_back(key_arn.substr(start, colon - start));
      start = colon + 1;
    }
    PolicyDocument doc;
    doc.version = "2012-10-17";
    Statement st;
    st.sid = "Enable IAM User Permissions";
    st.effect = Effect::kAllow;
    st.principal.present = true;
    st.principal.ids["AWS"] = {"arn:" + parts[1] + ":iam::" + parts[4] + ":root"};
    st.actions = {"kms:*"};
    st.has_resource = true;
    st.resources = {"*"};
    st.loc = loc;
    doc.statements.push_back(std::move(st));
    doc.loc = loc;
    return Known<PolicyDocument>::Of(std::move(doc));
  }

  /// A role's `permissions_boundary`: a policy ARN (one of this plan's aws_iam_policy, found by
  /// ARN or by reference when its ARN is known only after apply, or an AWS managed policy).
  PolicyRef BoundaryOf(const Instance& in, const std::string& vals) {
    static constexpr std::string_view kAttr = "permissions_boundary";
    PolicyRef ref;
    ref.loc = Loc(in.pointer, in.offset);
    if (const Value* v = KnownAttr(in, kAttr); v != nullptr && v->IsString() && !v->str().empty()) {
      ref.loc = Loc(json::PointerAppend(vals, kAttr), v->offset());
      ref.state = PolicyRef::State::kResolved;
      ref.policy = builder_.PolicyForArn(v->str(), ref.loc);
      return ref;
    }
    const bool omitted_unknown = in.after_unknown == nullptr && in.values != nullptr &&
                                 in.values->Find(kAttr) == nullptr && HasReferences(in, kAttr);
    if (!IsUnknown(in.after_unknown, kAttr) && !omitted_unknown) return ref;  // none
    std::vector<const Instance*> refs = Refs(in, kAttr, "aws_iam_policy");
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

  /// Policies named by `attr` (a policy ARN) of an attachment.
  std::vector<int> PoliciesOf(const Instance& in, std::string_view attr) {
    std::vector<int> out;
    std::string arn = StringAttr(in, attr);
    std::vector<const Instance*> refs = Refs(in, attr, "aws_iam_policy");
    if (!arn.empty()) {
      if (int i = builder_.FindPolicy(arn); i >= 0) return {i};
    }
    if (refs.size() == 1) {
      if (auto it = policy_index_.find(refs[0]); it != policy_index_.end()) return {it->second};
    }
    if (!arn.empty()) {
      out.push_back(builder_.PolicyForArn(arn, Loc(in.pointer, in.offset)));
    } else {
      // Unknown policy: keep the grant, with an unknown document.
      Policy p;
      p.display = in.address + "." + std::string(attr);
      p.arn = Known<std::string>::Unknown();
      p.loc = Loc(in.pointer, in.offset);
      p.document = Known<PolicyDocument>::Unknown();
      out.push_back(builder_.AddPolicy(std::move(p)));
    }
    return out;
  }

  /// A role outside this plan that a grant names (by name, or by ARN): one role of the scope
  /// from then on, found by its name (the last segment of its ARN, whatever its path) and by
  /// its ARN. It may hold grants the plan does not show (`grants_complete` false), and its
  /// trust and boundary are unknown. -1 when there is no name to go by.
  int ExternalRole(const std::string& arn, const std::string& name, const Location& loc) {
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
  std::vector<int> RolesOf(const Instance& in, std::string_view attr, bool* unresolved) {
    std::vector<int> out;
    std::vector<const Instance*> refs = Refs(in, attr, "aws_iam_role");
    const Value* v = KnownAttr(in, attr);
    if (v != nullptr) {
      // Known names (or ARNs): match them; a name no role here has stays unresolved.
      std::vector<std::string> names = Strings(v);
      for (const auto& name : names) {
        bool is_arn = name.find(":role/") != std::string::npos;
        int idx = RoleByArnOrName(is_arn ? name : "", is_arn ? "" : name);
        if (idx < 0 && names.size() == 1 && refs.size() == 1) idx = RoleIndex(refs[0]);
        if (idx < 0) {
          // A role this plan does not describe, named by what it is called: the grant is
          // evidence about it all the same (a role that may also be named by ARN elsewhere).
          // A role of this plan whose name is unknown might be it too.
          *unresolved = true;
          idx =
              ExternalRole(is_arn ? name : "", is_arn ? RoleNameFromArn(name) : name,
                           Loc(json::PointerAppend(json::PointerAppend(in.pointer, "values"), attr),
                               v->offset()));
        }
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
    if (out.empty() && (IsUnknown(in.after_unknown, attr) || HasReferences(in, attr))) {
      *unresolved = true;
    }
    return out;
  }

  /// `environment_variables`: a map (hashicorp/aws), a list of {name, value} (awscc).
  const Value* EnvAttr(const Instance& in) {
    return ShapedAttr(in, "environment_variables", IsAwscc(in.type) ? Want::kArray : Want::kObject);
  }

  /// Environment variables (`attr` of the instance, at `pointer`): a map, or awscc's list of
  /// {name, value}. `attr` empty: a nested block's, whose configuration is not looked up.
  std::vector<EnvVar> EnvOf(const Instance& in, std::string_view attr, const Value* vars,
                            const std::string& pointer) {
    std::vector<EnvVar> out;
    const ScopeBuilder::LocateFn locate = [this](const std::string& p, const Value& at) {
      return Loc(p, at.offset());
    };
    if (vars != nullptr && vars->IsArray()) {  // awscc: [{name, value}]
      out = ScopeBuilder::EnvFromList(*vars, pointer, "name", "value", locate);
    } else if (vars != nullptr && vars->IsObject()) {
      out = ScopeBuilder::EnvFromMap(*vars, pointer, locate);
      // Values unknown until apply are left out of a known map; after_unknown names them.
      const Value* unk =
          in.after_unknown != nullptr && !attr.empty() ? in.after_unknown->Find(attr) : nullptr;
      if (unk != nullptr && unk->IsObject()) {
        for (const auto& m : unk->members()) {
          if (!m.value->IsBool() || !m.value->AsBool() || vars->Find(m.key) != nullptr) continue;
          EnvVar e;
          e.name = m.key;
          e.value_known = false;
          e.loc = Loc(json::PointerAppend(pointer, m.key), m.value->offset());
          out.push_back(std::move(e));
        }
      }
    }
    if (!attr.empty()) NoteSources(in, attr, vars, pointer, &out);
    return out;
  }

  /// Where unknown env values come from, as the configuration shows it: a map's expression
  /// lists the references of all its values together, so a value gets its reference when it
  /// is the only unknown one and there is one reference; otherwise (or when the whole map is
  /// unknown, as Terraform plans a map holding a secret) each reference is an env var whose
  /// name is unknown (empty).
  void NoteSources(const Instance& in, std::string_view attr, const Value* vars,
                   const std::string& pointer, std::vector<EnvVar>* out) {
    const bool whole_unknown =
        vars == nullptr &&
        (IsUnknown(in.after_unknown, attr) ||
         (in.after_unknown == nullptr && in.values != nullptr && in.values->Find(attr) == nullptr));
    std::vector<EnvVar*> unknown;
    for (auto& e : *out) {
      if (!e.value_known) unknown.push_back(&e);
    }
    if (!whole_unknown && unknown.empty()) return;
    std::vector<std::string> refs = AttributeReferences(Expression(in, attr), in.module, in.key);
    if (refs.empty()) return;
    if (!whole_unknown && unknown.size() == 1 && refs.size() == 1) {
      unknown[0]->source_reference = refs[0];
      return;
    }
    for (const auto& r : refs) {
      EnvVar e;
      e.value_known = false;
      e.source_reference = r;
      e.loc = Loc(pointer, vars != nullptr ? vars->offset() : in.offset);
      out->push_back(std::move(e));
    }
  }

  void Build() {
    std::sort(instances_.begin(), instances_.end(),
              [](const Instance& a, const Instance& b) { return a.offset < b.offset; });
    by_address_.clear();
    for (size_t i = 0; i < instances_.size(); ++i) {
      const Instance& in = instances_[i];
      by_address_[in.address] = i;
      const std::string local =
          in.module + "\n" + (in.mode == "data" ? "data." : "") + in.type + "." + in.name;
      by_local_[local].push_back(&in);
      if (!in.key.empty()) by_key_[local + "\n" + in.key].push_back(&in);
    }

    // Roles first: everything else links to them.
    for (const auto& in : instances_) {
      if (!IsRoleType(in.type) || in.mode != "managed") continue;
      Role r;
      r.display = in.address;
      r.loc = Loc(in.pointer, in.offset);
      std::string arn = StringAttr(in, "arn");
      r.arn = arn.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(arn);
      std::string name = StringAttr(in, IsAwscc(in.type) ? "role_name" : "name");
      r.name = name.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(name);
      role_index_[&in] = static_cast<int>(scope_->roles.size());
      scope_->roles.push_back(std::move(r));
    }
    IndexRoles();
    for (const auto& in : instances_) {
      if (in.type != "aws_iam_policy" || in.mode != "managed") continue;
      Policy p;
      p.display = in.address;
      p.loc = Loc(in.pointer, in.offset);
      std::string arn = StringAttr(in, "arn");
      p.arn = arn.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(arn);
      std::string name = StringAttr(in, "name");
      p.name = name.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(name);
      p.document = DocumentOf(in, "policy", json::PointerAppend(in.pointer, "values"));
      policy_index_[&in] = builder_.AddPolicy(std::move(p));
    }
    for (const auto& in : instances_) {
      if (!IsRoleType(in.type) || in.mode != "managed") continue;
      BuildRole(in, scope_->roles[RoleIndex(&in)]);
    }
    for (const auto& in : instances_) {
      if (in.mode != "managed") continue;
      if (in.type == "aws_iam_role_policy") AddRolePolicy(in);
      if (in.type == "aws_iam_role_policy_attachment") AddAttachment(in, "role");
      if (in.type == "aws_iam_policy_attachment") AddAttachment(in, "roles");
    }
    for (const auto& in : instances_) {
      if ((in.type == "aws_amplify_app" || in.type == "awscc_amplify_app") &&
          in.mode == "managed") {
        AddApp(in);
      }
    }
    for (const auto& in : instances_) {
      if ((in.type == "aws_amplify_branch" || in.type == "awscc_amplify_branch") &&
          in.mode == "managed") {
        AddBranch(in);
      }
    }
    for (const auto& in : instances_) {
      if (in.mode == "managed") AddResourcePolicy(in);
    }
    for (const auto& in : instances_) {
      if (in.mode == "managed") AddSkipTags(in);
    }
  }

  /// `iamlint:skip` in `tags` (a map; `tags_all` when `tags` lacks it, for provider
  /// default_tags) or, in awscc, a `tags` list of {key, value}.
  void AddSkipTags(const Instance& in) {
    const std::string vals = json::PointerAppend(in.pointer, "values");
    for (const char* attr : {"tags", "tags_all"}) {
      const Value* tags = KnownAttr(in, attr);
      if (tags == nullptr) continue;
      for (const auto& t :
           ScopeBuilder::SkipTagEntries(*tags, json::PointerAppend(vals, attr), "key", "value")) {
        if (t.value == nullptr || !t.value->IsString()) continue;
        builder_.AddSkipTag(in.address, t.value->str(), Loc(t.pointer, t.item->offset()),
                            Loc(in.pointer, in.offset));
        return;
      }
    }
  }

  void BuildRole(const Instance& in, Role& role_slot) {
    const std::string vals = json::PointerAppend(in.pointer, "values");
    const bool cc = IsAwscc(in.type);
    Known<PolicyDocument> trust =
        DocumentOf(in, cc ? "assume_role_policy_document" : "assume_role_policy", vals);
    int idx = RoleIndex(&in);
    scope_->roles[idx].trust = std::move(trust);
    (void)role_slot;
    scope_->roles[idx].boundary = BoundaryOf(in, vals);
    // inline_policy blocks
    const char* inline_attr = cc ? "policies" : "inline_policy";
    if (const Value* ip = ShapedAttr(in, inline_attr, Want::kArray)) {
      for (size_t i = 0; i < ip->items().size(); ++i) {
        const Value& b = ip->items()[i];
        const Value* pol = b.Find(cc ? "policy_document" : "policy");
        const Value* nm = b.Find(cc ? "policy_name" : "name");
        if ((pol == nullptr || !pol->IsString() || pol->str().empty()) &&
            (nm == nullptr || !nm->IsString() || nm->str().empty())) {
          continue;  // the empty block the provider reports when none is configured
        }
        Policy p;
        std::string bp = json::PointerAppend(json::PointerAppend(vals, inline_attr), i);
        p.is_inline = true;
        p.name = nm != nullptr && nm->IsString() ? Known<std::string>::Of(nm->str())
                                                 : Known<std::string>::Unknown();
        p.display = in.address + " inline_policy \"" + p.name.value_or("?") + "\"";
        p.loc = Loc(bp, b.offset());
        if (pol != nullptr && pol->IsString()) {
          p.document =
              ParseEmbedded(*pol, json::PointerAppend(bp, cc ? "policy_document" : "policy"));
        } else {
          p.document = Known<PolicyDocument>::Unknown();
        }
        ScopeBuilder::AddGrant(&scope_->roles[idx].grants, builder_.AddPolicy(std::move(p)),
                               inline_attr, ScopeBuilder::Via::kAttribute, Loc(bp, b.offset()));
      }
    } else if (IsUnknown(in.after_unknown, inline_attr) && Expression(in, inline_attr) != nullptr) {
      scope_->roles[idx].grants_complete = false;
    }
    // managed_policy_arns
    if (const Value* mp = ShapedAttr(in, "managed_policy_arns", Want::kArray)) {
      for (size_t i = 0; i < mp->items().size(); ++i) {
        const Value& a = mp->items()[i];
        std::string p = json::PointerAppend(json::PointerAppend(vals, "managed_policy_arns"), i);
        if (!a.IsString()) continue;
        ScopeBuilder::AddGrant(
            &scope_->roles[idx].grants, builder_.PolicyForArn(a.str(), Loc(p, a.offset())),
            "managed_policy_arns", ScopeBuilder::Via::kAttribute, Loc(p, a.offset()));
      }
    }
    // Computed when not configured (it then mirrors attachments this plan shows itself).
    if (IsUnknown(in.after_unknown, "managed_policy_arns") &&
        Expression(in, "managed_policy_arns") != nullptr) {
      bool any = false;
      for (const auto* t : Refs(in, "managed_policy_arns", "aws_iam_policy")) {
        auto it = policy_index_.find(t);
        if (it == policy_index_.end()) continue;
        any = true;
        ScopeBuilder::AddGrant(&scope_->roles[idx].grants, it->second, "managed_policy_arns",
                               ScopeBuilder::Via::kAttribute, Loc(in.pointer, in.offset));
      }
      if (!any) scope_->roles[idx].grants_complete = false;
    }
  }

  void AddRolePolicy(const Instance& in) {
    bool unresolved = false;
    std::vector<int> roles = RolesOf(in, "role", &unresolved);
    Policy p;
    p.is_inline = true;
    p.display = in.address;
    p.loc = Loc(in.pointer, in.offset);
    std::string name = StringAttr(in, "name");
    p.name = name.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(name);
    p.document = DocumentOf(in, "policy", json::PointerAppend(in.pointer, "values"));
    int pi = builder_.AddPolicy(std::move(p));
    for (int r : roles) {
      ScopeBuilder::AddGrant(&scope_->roles[r].grants, pi, in.address, ScopeBuilder::Via::kResource,
                             Loc(in.pointer, in.offset));
    }
    if (unresolved) MarkUnlinkedGrant();
  }

  void AddAttachment(const Instance& in, std::string_view role_attr) {
    bool unresolved = false;
    std::vector<int> roles = RolesOf(in, role_attr, &unresolved);
    std::vector<int> policies = PoliciesOf(in, "policy_arn");
    for (int r : roles) {
      for (int p : policies) {
        ScopeBuilder::AddGrant(&scope_->roles[r].grants, p, in.address,
                               ScopeBuilder::Via::kResource, Loc(in.pointer, in.offset));
      }
    }
    if (unresolved) MarkUnlinkedGrant();
  }

  /// An attachment whose role cannot be told: any role might hold it.
  void MarkUnlinkedGrant() {
    if (unlinked_grant_) return;  // done already (the roles do not change)
    unlinked_grant_ = true;
    for (auto& r : scope_->roles) {
      if (!r.name.known()) r.grants_complete = false;
    }
  }

  void AddApp(const Instance& in) {
    App app;
    app.display = in.address;
    app.loc = Loc(in.pointer, in.offset);
    std::string name = StringAttr(in, "name");
    app.name = name.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(name);
    std::string arn = StringAttr(in, "arn");
    app.arn = arn.empty() ? Known<std::string>::Unknown() : Known<std::string>::Of(arn);
    std::string platform = StringAttr(in, "platform");
    if (!platform.empty()) {
      app.platform = Known<std::string>::Of(platform);
    } else if (IsUnknown(in.after_unknown, "platform") || HasReferences(in, "platform")) {
      app.platform = Known<std::string>::Unknown();
    } else {
      app.platform = Known<std::string>::Of("WEB");  // the provider's default
    }
    const bool cc = IsAwscc(in.type);
    app.service_role = ResolveRole(in, cc ? "iam_service_role" : "iam_service_role_arn");
    app.compute_role = ResolveRole(in, "compute_role_arn");
    const std::string vals = json::PointerAppend(in.pointer, "values");
    app.env = EnvOf(in, "environment_variables", EnvAttr(in),
                    json::PointerAppend(vals, "environment_variables"));
    if (const Value* e = KnownAttr(in, "enable_auto_branch_creation");
        e != nullptr && e->IsBool()) {
      app.auto_branch_creation = e->AsBool();
    }
    // A block list in hashicorp/aws, a single nested object in awscc.
    const Value* abc = KnownAttr(in, "auto_branch_creation_config");
    std::string abc_pointer = json::PointerAppend(vals, "auto_branch_creation_config");
    if (abc != nullptr && abc->IsArray()) {
      abc = abc->At(0);
      abc_pointer += "/0";
    }
    if (abc != nullptr && abc->IsObject()) {
      const Value& c = *abc;
      if (const Value* pr = c.Find("enable_pull_request_preview"); pr != nullptr && pr->IsBool()) {
        app.pull_request_previews = pr->AsBool();
      }
      app.auto_branch_env = EnvOf(in, "", c.Find("environment_variables"),
                                  json::PointerAppend(abc_pointer, "environment_variables"));
    }
    app_index_[&in] = static_cast<int>(scope_->apps.size());
    scope_->apps.push_back(std::move(app));
  }

  void AddBranch(const Instance& in) {
    Branch b;
    b.display = in.address;
    b.loc = Loc(in.pointer, in.offset);
    b.name = StringAttr(in, "branch_name");
    std::string fw = StringAttr(in, "framework");
    b.framework = fw.empty() ? Known<std::string>::Absent() : Known<std::string>::Of(fw);
    b.compute_role = ResolveRole(in, "compute_role_arn");
    const std::string vals = json::PointerAppend(in.pointer, "values");
    b.env = EnvOf(in, "environment_variables", EnvAttr(in),
                  json::PointerAppend(vals, "environment_variables"));
    if (const Value* pr = KnownAttr(in, "enable_pull_request_preview");
        pr != nullptr && pr->IsBool()) {
      b.pull_request_preview = pr->AsBool();
    }
    std::vector<const Instance*> apps;
    ResolveExpr(Expression(in, "app_id"), in.module, in.key, &apps);
    for (const auto* a : apps) {
      auto it = app_index_.find(a);
      if (it != app_index_.end()) b.app = it->second;
    }
    if (b.app < 0) b.app = AppByIdSuffix(StringAttr(in, "app_id"));
    int bi = static_cast<int>(scope_->branches.size());
    if (b.app >= 0) scope_->apps[b.app].branches.push_back(bi);
    scope_->branches.push_back(std::move(b));
  }

  /// The last app whose ARN ends with `app_id` (and is longer), or -1. The apps' ARNs are
  /// indexed reversed and sorted, so those ending alike are neighbours.
  int AppByIdSuffix(const std::string& app_id) {
    if (app_id.empty()) return -1;
    if (apps_by_reversed_arn_.empty()) {
      for (size_t i = 0; i < scope_->apps.size(); ++i) {
        const App& a = scope_->apps[i];
        if (!a.arn.known()) continue;
        apps_by_reversed_arn_.emplace_back(
            std::string(a.arn.value().rbegin(), a.arn.value().rend()), static_cast<int>(i));
      }
      std::sort(apps_by_reversed_arn_.begin(), apps_by_reversed_arn_.end());
    }
    const std::string reversed(app_id.rbegin(), app_id.rend());
    int found = -1;
    for (auto it = std::lower_bound(apps_by_reversed_arn_.begin(), apps_by_reversed_arn_.end(),
                                    std::make_pair(reversed, -1));
         it != apps_by_reversed_arn_.end() && it->first.compare(0, reversed.size(), reversed) == 0;
         ++it) {
      if (it->first.size() > reversed.size()) found = std::max(found, it->second);
    }
    return found;
  }

  const InputFile& in_;
  Scope* scope_;
  std::vector<LoadError>* errors_;
  ScopeBuilder builder_;
  std::map<std::string, std::pair<const Value*, size_t>> changes_;
  std::map<std::string, ConfigModule> config_modules_;
  /// Where each expression of a module output or module call argument is written.
  std::unordered_map<const Value*, std::string> expression_pointer_;
  struct Memo {
    std::vector<Leaf> leaves;
    bool done = false;  // false while being resolved: meeting it again is a cycle
  };
  mutable std::unordered_map<std::string, Memo> leaves_;  // see Leaves
  mutable size_t hops_ = 0;
  mutable std::set<const Value*> cycle_reported_;
  std::map<std::string, const Value*> config_resources_;
  std::vector<Instance> instances_;
  std::unordered_map<std::string, size_t> by_address_;
  // "module\nlocal address" -> instances, for resolving references.
  std::map<std::string, std::vector<const Instance*>> by_local_;
  // "module\nlocal address\nkey" -> the instances with that key (one, unless addresses lie).
  std::unordered_map<std::string, std::vector<const Instance*>> by_key_;
  std::unordered_map<std::string, int> role_by_arn_;   // first role with an ARN
  std::unordered_map<std::string, int> role_by_name_;  // first role with a name
  std::unordered_map<std::string, int> destroyed_by_arn_;
  std::unordered_map<std::string, int> destroyed_by_name_;         // those without a known ARN
  std::vector<std::pair<std::string, int>> apps_by_reversed_arn_;  // see AppByIdSuffix
  bool unlinked_grant_ = false;                                    // MarkUnlinkedGrant done
  std::map<const Instance*, int> role_index_;
  std::map<const Instance*, int> policy_index_;
  std::map<const Instance*, int> app_index_;
  /// A policy text embedded in a string, parsed.
  struct Embedded {
    json::Document doc;
    bool failed = false;
    std::string error;
  };
  std::unordered_map<std::string, Embedded> embedded_;  // by text
};

}  // namespace

const json::ParseFilter* TerraformPlanFilter() {
  static const PlanFilter kFilter;
  return &kFilter;
}

void LoadTerraformPlan(const InputFile& in, Scope* scope, std::vector<LoadError>* errors) {
  scope->kind = Scope::Kind::kTerraformPlan;
  scope->name = in.path;
  // Nothing the loader calls should throw on any input (no `.at`, no `std::sto*`); should
  // something still do, it is this input's error, not the end of the run.
  try {
    PlanLoader(in, scope, errors).Run();
  } catch (const std::exception& e) {
    *scope = Scope();
    scope->kind = Scope::Kind::kTerraformPlan;
    scope->name = in.path;
    errors->push_back({in.path, 0, "", std::string("could not read this plan: ") + e.what()});
  }
}

}  // namespace iamlint
