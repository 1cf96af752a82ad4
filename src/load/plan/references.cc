#include "load/plan/references.h"

#include <algorithm>
#include <tuple>

#include "load/address.h"

namespace iamlint::plan {
namespace {

/// Whether a reference starting with `head` names a resource (not `local.x`, `each.key`, ...).
bool NamesResource(const std::string& head) {
  static const std::set<std::string> kOther = {"local",     "each", "count", "path",
                                               "terraform", "self", "var",   "module"};
  return kOther.count(head) == 0;
}

template <class T>
void SortUnique(std::vector<T>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

bool References::Leaf::operator<(const Leaf& o) const {
  return std::tie(module, ref, key) < std::tie(o.module, o.ref, o.key);
}

bool References::Leaf::operator==(const Leaf& o) const {
  return module == o.module && ref == o.ref && key == o.key;
}

const Value* References::Expression(const Instance& in, std::string_view attr) const {
  if (index_.absolute_references) {
    auto own = index_.instance_expressions.find(in.address);
    return own == index_.instance_expressions.end() ? nullptr : own->second->Find(attr);
  }
  auto it = index_.config_resources.find(in.config_key);
  if (it == index_.config_resources.end()) return nullptr;
  const Value* exprs = it->second->Find("expressions");
  return exprs == nullptr ? nullptr : exprs->Find(attr);
}

bool References::HasReferences(const Instance& in, std::string_view attr) const {
  const Value* e = Expression(in, attr);
  const Value* refs = e != nullptr ? e->Find("references") : nullptr;
  return refs != nullptr && refs->IsArray() && !refs->items().empty();
}

std::vector<const Instance*> References::Refs(const Instance& in, std::string_view attr,
                                              const std::string& type) const {
  std::vector<const Instance*> all;
  ResolveExpr(Expression(in, attr), in.module, in.key, &all);
  std::vector<const Instance*> typed;
  for (const auto* t : all) {
    if (t->type == type || (type == "aws_iam_role" && IsRoleType(t->type))) typed.push_back(t);
  }
  return typed;
}

/// Instances of a resource named by a reference in module instance `module`.
std::vector<const Instance*> References::FindInstances(const std::string& module,
                                                       const std::string& local,
                                                       const std::string& explicit_key,
                                                       const std::string& referrer_key) const {
  const std::string local_key = module + "\n" + local;
  auto found = index_.by_local.find(local_key);
  if (found == index_.by_local.end()) return {};
  const std::vector<const Instance*>& all = found->second;
  auto keyed = [&](const std::string& k) -> std::vector<const Instance*> {
    auto it = index_.by_key.find(local_key + "\n" + k);
    return it == index_.by_key.end() ? std::vector<const Instance*>() : it->second;
  };
  if (!explicit_key.empty()) return keyed(explicit_key);
  if (all.size() <= 1) return all;
  if (referrer_key.empty()) return {};
  return keyed(referrer_key);  // ambiguous without a matching key: nothing (unknown)
}

/// The leaves an expression's references come to (see the file comment).
const std::vector<References::Leaf>& References::Leaves(const Value* expr,
                                                        const std::string& module,
                                                        const std::string& key) const {
  static const std::vector<Leaf> kNone;
  if (expr == nullptr || !expr->IsObject()) return kNone;
  const Value* refs = expr->Find("references");
  if (refs == nullptr || !refs->IsArray()) return kNone;
  // The key: the expression's address (its bytes), the module instance and the key.
  std::string memo_key(reinterpret_cast<const char*>(&expr),
                       sizeof expr);  // NOLINT(bugprone-sizeof-expression)
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
  SortUnique(&out);
  // (`it` may have moved while the map grew.)
  Memo& m = leaves_[memo_key];
  m.leaves = std::move(out);
  m.done = true;
  return m.leaves;
}

void References::ReportCycle(const Value* expr, const std::string& what) const {
  if (!cycle_reported_.insert(expr).second) return;
  auto p = index_.expression_pointer.find(expr);
  const std::string pointer = p != index_.expression_pointer.end() ? p->second : "/configuration";
  input_.Error(expr, pointer,
               "the configuration's references here form " + what +
                   " (Terraform plans no such configuration); the values that depend on it are "
                   "treated as unknown");
}

void References::ResolveRef(const std::string& ref, const std::string& module,
                            const std::string& key, std::vector<Leaf>* out) const {
  auto segs = SplitAddress(ref);
  if (segs.empty()) return;
  if (index_.absolute_references) {  // `module.a["k"].aws_iam_role.r.arn`: split the module off
    size_t m = 0;
    while (m + 1 < segs.size() && segs[m].name == "module" && segs[m].key.empty()) m += 2;
    out->push_back({JoinSegments(segs, 0, m, true), JoinSegments(segs, m, segs.size(), true), ""});
    return;
  }
  const std::string& head = segs[0].name;
  if (head == "var" && segs.size() >= 2) {
    ResolveVar(segs[1].name, module, out);
    return;
  }
  if (head == "module" && segs.size() >= 3) {
    ResolveModuleOutput(segs[1].name, segs[1].key, segs[2].name, module, key, out);
    return;
  }
  out->push_back({module, ref, key});
}

/// `var.NAME` in module instance `module`: the argument its call passes, read in the parent.
void References::ResolveVar(const std::string& name, const std::string& module,
                            std::vector<Leaf>* out) const {
  if (module.empty()) return;  // root variables: values are already in the plan
  auto cm = index_.config_modules.find(StripKeys(module));
  if (cm == index_.config_modules.end() || cm->second.call == nullptr) return;
  const Value* exprs = cm->second.call->Find("expressions");
  if (exprs == nullptr) return;
  for (const Leaf& l : Leaves(exprs->Find(name), ParentModule(module), ModuleKey(module))) {
    out->push_back(l);
  }
}

/// `module.CALL[CALL_KEY].OUTPUT` in module instance `module`: the output's expression, read
/// in the child module instance.
void References::ResolveModuleOutput(const std::string& call, const std::string& call_key,
                                     const std::string& output, const std::string& module,
                                     const std::string& key, std::vector<Leaf>* out) const {
  std::string child = (module.empty() ? "" : module + ".") + "module." + call;
  std::string child_key = LiteralKey(call_key);
  if (child_key.empty()) {
    // module.x with for_each referenced without a key: the referrer's key if it fits.
    auto next = index_.by_local.lower_bound(child + "[");
    bool keyed = next != index_.by_local.end() && next->first.rfind(child + "[", 0) == 0;
    if (keyed) child_key = key;
    if (keyed && child_key.empty()) return;
  }
  if (!child_key.empty()) child += "[" + child_key + "]";
  auto cm = index_.config_modules.find(StripKeys(child));
  if (cm == index_.config_modules.end()) return;
  const Value* outputs = cm->second.module->Find("outputs");
  const Value* o = outputs != nullptr ? outputs->Find(output) : nullptr;
  if (o == nullptr) return;
  for (const Leaf& l : Leaves(o->Find("expression"), child, key)) out->push_back(l);
}

void References::ResolveExpr(const Value* expr, const std::string& module, const std::string& key,
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
  SortUnique(out);
}

std::vector<std::string> References::AttributeReferences(const Value* expr,
                                                         const std::string& module,
                                                         const std::string& key) const {
  std::vector<std::string> out;
  for (const Leaf& l : Leaves(expr, module, key)) {
    auto segs = SplitAddress(l.ref);
    if (!NamesResource(segs[0].name)) continue;
    const size_t attr = segs[0].name == "data" ? 3 : 2;  // the attribute's segment
    if (segs.size() <= attr) continue;                   // the resource itself
    out.push_back(l.module.empty() ? l.ref : l.module + "." + l.ref);
  }
  SortUnique(&out);
  return out;
}

}  // namespace iamlint::plan
