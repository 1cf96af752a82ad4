// PlanIndexer: the resource instances of planned_values / values / prior_state, of
// resource_changes when a plan has no planned_values, and of a raw state.
#include <algorithm>
#include <utility>

#include "load/address.h"
#include "load/plan/filter.h"
#include "load/plan/index.h"

namespace iamlint::plan {

std::string ConfigKey(const std::string& module, const std::string& local) {
  const std::string mpath = StripKeys(module);
  return mpath.empty() ? local : mpath + "." + local;
}

namespace {

/// An instance of resource `type`.`name` (mode `mode`) in module instance `module`, with key
/// `key`, whose object is at `pointer`; its values and address are the caller's to set.
Instance MakeInstance(const std::string& module, const std::string& mode, const Value& type,
                      const Value& name, const Value* key, const Value& at,
                      const std::string& pointer) {
  Instance in;
  in.module = module;
  in.mode = mode;
  in.type = type.str();
  in.name = name.str();
  in.key = IndexKey(key);
  in.config_key = ConfigKey(module, in.local());
  in.pointer = pointer;
  in.offset = at.offset();
  return in;
}

}  // namespace

void PlanIndex::Finish() {
  std::sort(instances.begin(), instances.end(),
            [](const Instance& a, const Instance& b) { return a.offset < b.offset; });
  by_address.clear();
  for (size_t i = 0; i < instances.size(); ++i) {
    const Instance& in = instances[i];
    by_address[in.address] = i;
    const std::string local = in.module + "\n" + in.local();
    by_local[local].push_back(&in);
    if (!in.key.empty()) by_key[local + "\n" + in.key].push_back(&in);
  }
}

bool PlanIndexer::ReadPlan(const Value& root) {
  if (!input_.Shaped(root, Want::kObject, "")) return false;
  IndexChanges(root);
  IndexConfiguration(root);
  const Value* pv = input_.Get(root, "planned_values", Want::kObject, "");
  const Value* vals = pv == nullptr ? input_.Get(root, "values", Want::kObject, "") : nullptr;
  if (pv != nullptr) {
    if (const Value* rm = input_.Get(*pv, "root_module", Want::kObject, "/planned_values")) {
      CollectModule(*rm, "/planned_values/root_module", "");
    }
  } else if (vals != nullptr) {
    scope_->kind = Scope::Kind::kTerraformState;
    if (const Value* rm = input_.Get(*vals, "root_module", Want::kObject, "/values")) {
      CollectModule(*rm, "/values/root_module", "");
    }
  } else {
    CollectFromChanges(root);
  }
  if (const Value* ps = input_.Get(root, "prior_state", Want::kObject, "")) {
    if (const Value* pvals = input_.Get(*ps, "values", Want::kObject, "/prior_state")) {
      if (const Value* rm =
              input_.Get(*pvals, "root_module", Want::kObject, "/prior_state/values")) {
        CollectModule(*rm, "/prior_state/values/root_module", "", /*data_only=*/true);
      }
    }
  }
  AddDeferredReads();
  return true;
}

/// A raw `terraform.tfstate` (version 4): `resources[].instances[].attributes`.
bool PlanIndexer::ReadRawState(const Value& root) {
  scope_->kind = Scope::Kind::kTerraformState;
  const Value* version = root.Find("version");
  if (!version->IsNumber() || version->str() != "4") {
    input_.Error(version, "/version",
                 "terraform.tfstate version " + version->str() +
                     " is not supported: iamlint reads version 4 (Terraform 0.12 and later); run "
                     "`terraform show -json > state.json` with the Terraform that wrote it");
    return false;
  }
  const Value* resources = input_.Get(root, "resources", Want::kArray, "");
  if (resources == nullptr) return false;
  for (const Value& r : resources->items()) {
    const std::string rp = json::PointerAppend("/resources", Index(r));
    if (input_.Shaped(r, Want::kObject, rp)) AddRawResource(r, rp);
  }
  return true;
}

/// One resource of a raw state, with its instances.
void PlanIndexer::AddRawResource(const Value& r, const std::string& rp) {
  const Value* type = input_.Get(r, "type", Want::kString, rp);
  const Value* name = input_.Get(r, "name", Want::kString, rp);
  const Value* instances = input_.Get(r, "instances", Want::kArray, rp);
  const Value* mode = input_.Get(r, "mode", Want::kString, rp);
  const Value* module = input_.Get(r, "module", Want::kString, rp);
  if (type == nullptr || !Interesting(type->str()) || name == nullptr || instances == nullptr) {
    return;
  }
  const std::string mode_s = mode != nullptr ? mode->str() : "managed";
  const std::string module_s = module != nullptr ? module->str() : "";
  for (const Value& inst : instances->items()) {
    const std::string ip = json::PointerAppend(json::PointerAppend(rp, "instances"), Index(inst));
    if (!input_.Shaped(inst, Want::kObject, ip)) continue;
    Instance in = MakeInstance(module_s, mode_s, *type, *name, inst.Find("index_key"), inst, ip);
    in.address = (module_s.empty() ? "" : module_s + ".") + in.local() +
                 (in.key.empty() ? "" : "[" + in.key + "]");
    in.values = input_.Get(inst, "attributes", Want::kObject, ip);
    if (index_->by_address.count(in.address) > 0) continue;
    Add(std::move(in));
  }
}

void PlanIndexer::Add(Instance in) {
  index_->by_address[in.address] = index_->instances.size();
  index_->instances.push_back(std::move(in));
}

/// A module of planned_values / values / prior_state.values (nested no deeper than the
/// parser's depth limit lets JSON nest: every module is read, however deep).
void PlanIndexer::CollectModule(const Value& m, const std::string& pointer,
                                const std::string& module, bool data_only) {
  if (const Value* res = input_.Get(m, "resources", Want::kArray, pointer)) {
    const std::string rsp = json::PointerAppend(pointer, "resources");
    for (const Value& r : res->items()) {
      const std::string rp = json::PointerAppend(rsp, Index(r));
      if (!input_.Shaped(r, Want::kObject, rp)) continue;
      AddInstance(r, rp, module, data_only, input_.Get(r, "values", Want::kObject, rp));
    }
  }
  if (const Value* kids = input_.Get(m, "child_modules", Want::kArray, pointer)) {
    const std::string kp = json::PointerAppend(pointer, "child_modules");
    for (const Value& k : kids->items()) {
      const std::string one = json::PointerAppend(kp, Index(k));
      if (!input_.Shaped(k, Want::kObject, one)) continue;
      const Value* a = input_.Get(k, "address", Want::kString, one);
      std::string child = a != nullptr ? a->str() : module;
      CollectModule(k, one, child, data_only);
    }
  }
}

void PlanIndexer::AddInstance(const Value& r, const std::string& pointer, const std::string& module,
                              bool data_only, const Value* values) {
  const Value* type = input_.Get(r, "type", Want::kString, pointer);
  const Value* addr = input_.Get(r, "address", Want::kString, pointer);
  const Value* mode = input_.Get(r, "mode", Want::kString, pointer);
  const Value* name = input_.Get(r, "name", Want::kString, pointer);
  if (type == nullptr || !Interesting(type->str())) return;
  if (addr == nullptr || name == nullptr) return;
  std::string mode_s = mode != nullptr ? mode->str() : "managed";
  if (data_only && mode_s != "data") return;
  auto found = index_->by_address.find(addr->str());
  if (found != index_->by_address.end()) {
    // Seen in planned_values already: prior_state may hold the values read at plan time.
    Instance& existing = index_->instances[found->second];
    if (existing.values == nullptr || existing.values->Find("json") == nullptr) {
      if (values != nullptr && values->Find("json") != nullptr) existing.values = values;
    }
    return;
  }
  Instance in = MakeInstance(module, mode_s, *type, *name, r.Find("index"), r, pointer);
  in.address = addr->str();
  in.values = values;
  AddChange(&in);
  Add(std::move(in));
}

/// What the instance's resource_changes entry adds: which values are unknown, whether it is
/// read only at apply, and its values when the plan shows them nowhere else.
void PlanIndexer::AddChange(Instance* in) const {
  auto ch = index_->changes.find(in->address);
  if (ch == index_->changes.end()) return;
  const Value* change = ch->second.first->Find("change");
  in->after_unknown = change->Find("after_unknown");
  if (const Value* acts = change->Find("actions"); acts != nullptr && acts->IsArray()) {
    for (const auto& a : acts->items()) {
      if (a.IsString() && a.str() == "read") in->deferred = true;
    }
  }
  if (in->values == nullptr) {
    in->values = change->Find("after");
    if (in->values != nullptr && !in->values->IsObject()) in->values = nullptr;
  }
}

/// Plans without planned_values: take resources from resource_changes.
void PlanIndexer::CollectFromChanges(const Value& root) {
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

/// Data sources deferred to apply appear only in resource_changes (action "read").
void PlanIndexer::AddDeferredReads() {
  for (const auto& [addr, entry] : index_->changes) {
    const Value& c = *entry.first;
    const Value* mode = c.Find("mode");
    if (mode == nullptr || !mode->IsString() || mode->str() != "data") continue;
    if (index_->by_address.count(addr) > 0) continue;
    const Value* ma = c.Find("module_address");
    std::string module = ma != nullptr && ma->IsString() ? ma->str() : "";
    AddInstance(c, json::PointerAppend("/resource_changes", entry.second), module, false, nullptr);
  }
}

}  // namespace iamlint::plan
