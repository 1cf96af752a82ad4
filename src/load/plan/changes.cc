// PlanIndexer: a plan's resource_changes -- indexed by address (for the unknown values and
// actions of each instance), shape-checked, and read for the roles the plan destroys.
#include <utility>

#include "load/plan/index.h"

namespace iamlint::plan {

bool IsDeleteOnly(const Value& change) {
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

void PlanIndexer::IndexChanges(const Value& root) {
  const Value* rc = input_.Get(root, "resource_changes", Want::kArray, "");
  if (rc == nullptr) return;
  for (const Value& c : rc->items()) {
    const std::string cp = json::PointerAppend("/resource_changes", Index(c));
    if (!input_.Shaped(c, Want::kObject, cp)) continue;
    const Value* addr = input_.Get(c, "address", Want::kString, cp);
    const Value* change = input_.Get(c, "change", Want::kObject, cp);
    for (const char* s : {"type", "mode", "module_address", "name"}) {
      input_.Get(c, s, Want::kString, cp);
    }
    if (addr == nullptr || change == nullptr) continue;
    CheckChangeShape(*change, json::PointerAppend(cp, "change"));
    index_->changes[addr->str()] = {&c, Index(c)};
    NoteDestroyed(c, *change, cp);
  }
}

/// The members of `change` the loader reads have the shapes it reads them with.
void PlanIndexer::CheckChangeShape(const Value& change, const std::string& chp) {
  const Value* acts = input_.Get(change, "actions", Want::kArray, chp);
  input_.Get(change, "after", Want::kObject, chp);
  input_.Get(change, "before", Want::kObject, chp);
  input_.Get(change, "after_unknown", Want::kObjectOrBool, chp);
  if (acts == nullptr) return;
  for (const Value& a : acts->items()) {
    input_.Shaped(a, Want::kString,
                  json::PointerAppend(json::PointerAppend(chp, "actions"), Index(a)));
  }
}

/// Roles this plan deletes without re-creating them: an app that still names one by ARN
/// will point at nothing after apply.
void PlanIndexer::NoteDestroyed(const Value& c, const Value& change, const std::string& pointer) {
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
  d.loc = input_.Loc(pointer, c.offset());
  scope_->destroyed.push_back(std::move(d));
}

}  // namespace iamlint::plan
