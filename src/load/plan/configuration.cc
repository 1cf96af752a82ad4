// PlanIndexer: a plan's `configuration` -- its modules, their resources (whose `expressions`
// hold the references that link resources whose values are unknown), outputs and module
// calls, and where each expression references pass through is written.
#include "load/plan/index.h"

namespace iamlint::plan {

void PlanIndexer::IndexConfiguration(const Value& root) {
  const Value* cfg = input_.Get(root, "configuration", Want::kObject, "");
  if (cfg == nullptr) return;
  const Value* rm = input_.Get(*cfg, "root_module", Want::kObject, "/configuration");
  if (rm == nullptr) return;
  IndexConfigModule(*rm, "", nullptr, "/configuration/root_module");
}

/// One module of the configuration, at path `path` (nested no deeper than the parser's depth
/// limit lets JSON nest, so the recursion is bounded).
void PlanIndexer::IndexConfigModule(const Value& m, const std::string& path, const Value* call,
                                    const std::string& pointer) {
  index_->config_modules[path] = {&m, call};
  IndexConfigResources(m, path, pointer);
  IndexOutputs(m, pointer);
  input_.Get(m, "variables", Want::kObject, pointer);
  IndexModuleCalls(m, path, pointer);
}

void PlanIndexer::IndexConfigResources(const Value& m, const std::string& path,
                                       const std::string& pointer) {
  const Value* res = input_.Get(m, "resources", Want::kArray, pointer);
  if (res == nullptr) return;
  const std::string rsp = json::PointerAppend(pointer, "resources");
  for (const auto& r : res->items()) {
    const std::string rp = json::PointerAppend(rsp, Index(r));
    if (!input_.Shaped(r, Want::kObject, rp)) continue;
    input_.Get(r, "expressions", Want::kObject, rp);
    const Value* a = input_.Get(r, "address", Want::kString, rp);
    if (a == nullptr) continue;
    index_->config_resources[path.empty() ? a->str() : path + "." + a->str()] = &r;
  }
}

void PlanIndexer::IndexOutputs(const Value& m, const std::string& pointer) {
  const Value* outputs = input_.Get(m, "outputs", Want::kObject, pointer);
  if (outputs == nullptr) return;
  const std::string op = json::PointerAppend(pointer, "outputs");
  for (const auto& o : outputs->members()) {
    const std::string one = json::PointerAppend(op, o.key);
    if (!input_.Shaped(*o.value, Want::kObject, one)) continue;
    if (const Value* e = input_.Get(*o.value, "expression", Want::kObject, one)) {
      NoteExpression(*e, json::PointerAppend(one, "expression"));
    }
  }
}

void PlanIndexer::IndexModuleCalls(const Value& m, const std::string& path,
                                   const std::string& pointer) {
  const Value* calls = input_.Get(m, "module_calls", Want::kObject, pointer);
  if (calls == nullptr) return;
  const std::string cp = json::PointerAppend(pointer, "module_calls");
  for (const auto& mc : calls->members()) {
    const std::string one = json::PointerAppend(cp, mc.key);
    if (!input_.Shaped(*mc.value, Want::kObject, one)) continue;
    if (const Value* exprs = input_.Get(*mc.value, "expressions", Want::kObject, one)) {
      for (const auto& e : exprs->members()) {
        NoteExpression(*e.value,
                       json::PointerAppend(json::PointerAppend(one, "expressions"), e.key));
      }
    }
    const Value* child = input_.Get(*mc.value, "module", Want::kObject, one);
    if (child == nullptr) continue;
    const std::string child_path = (path.empty() ? "" : path + ".") + "module." + mc.key;
    IndexConfigModule(*child, child_path, mc.value.get(), json::PointerAppend(one, "module"));
  }
}

/// Remembers where an expression that references pass through (a module output, a module
/// call's argument) is written, for the error a reference cycle gets.
void PlanIndexer::NoteExpression(const Value& e, std::string pointer) {
  if (!e.IsObject()) return;
  if (input_.Get(e, "references", Want::kArray, pointer) != nullptr) {
    index_->expression_pointer.emplace(&e, std::move(pointer));
  }
}

}  // namespace iamlint::plan
