#include "load/plan/policy_document.h"

#include <string_view>
#include <utility>
#include <vector>

namespace iamlint::plan {
namespace {

using json::Value;

Effect EffectOf(const Value* v) {
  return v != nullptr && v->IsString() && v->str() == "Deny" ? Effect::kDeny : Effect::kAllow;
}

/// actions / not_actions and resources / not_resources of a block (the values, and the
/// nodes of resources / not_resources, which may be present but empty).
void FillLists(Statement* st, std::vector<std::string> actions,
               std::vector<std::string> not_actions, const Value* res_v, const Value* nres_v) {
  std::vector<std::string> resources = StringsOf(res_v);
  std::vector<std::string> not_resources = StringsOf(nres_v);
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

void AddPrincipal(Statement* st, const std::string& type, const std::string& id) {
  if (type == "*" || (type == "AWS" && id == "*")) st->principal.any = true;
  st->principal.ids[type == "*" ? "AWS" : type].push_back(id);
}

void FillPrincipals(Statement* st, const Value* blocks, bool negated) {
  if (blocks == nullptr || !blocks->IsArray() || blocks->items().empty()) return;
  st->principal.present = true;
  st->not_principal = negated;
  for (const auto& p : blocks->items()) {
    const Value* type = p.Find("type");
    if (type == nullptr || !type->IsString()) continue;
    for (const auto& id : StringsOf(p.Find("identifiers"))) AddPrincipal(st, type->str(), id);
  }
}

/// Whether the mask `unk` of a statement block marks field `f` (or anything in it) unknown.
bool MarkedUnknown(const Value* unk, const char* f) {
  if (unk == nullptr) return false;
  const Value* u = unk->Find(f);
  if (u == nullptr) return false;
  if (u->IsBool()) return u->AsBool();
  return u->Dump().find("true") != std::string::npos;
}

/// Marks statement field `f` (of its core: effect, actions, resources, principals) unknown.
void MarkCore(std::string_view f, Statement* st) {
  st->partially_unknown = st->unknown_core = true;
  if (f == "effect" || f == "actions" || f == "not_actions") st->unknown_actions = true;
  if (f == "resources" || f == "not_resources") st->unknown_resources = true;
}

/// A statement from a `statement` block's values; `unk` is its part of the mask.
Statement StatementFromBlock(const Value& b, const Value* unk, Location loc) {
  Statement st;
  st.loc = std::move(loc);
  for (const char* f : {"sid", "condition"}) {
    if (MarkedUnknown(unk, f)) st.partially_unknown = true;
  }
  for (const char* f : {"effect", "actions", "not_actions", "resources", "not_resources",
                        "principals", "not_principals"}) {
    if (MarkedUnknown(unk, f)) MarkCore(f, &st);
  }
  if (const Value* s = b.Find("sid"); s != nullptr && s->IsString()) st.sid = s->str();
  st.effect = EffectOf(b.Find("effect"));
  FillLists(&st, StringsOf(b.Find("actions")), StringsOf(b.Find("not_actions")),
            b.Find("resources"), b.Find("not_resources"));
  FillPrincipals(&st, b.Find("principals"), false);
  FillPrincipals(&st, b.Find("not_principals"), true);
  if (const Value* conds = b.Find("condition"); conds != nullptr && conds->IsArray()) {
    for (const auto& c : conds->items()) {
      Condition cond;
      if (const Value* t = c.Find("test"); t != nullptr && t->IsString()) cond.op = t->str();
      if (const Value* v = c.Find("variable"); v != nullptr && v->IsString()) cond.key = v->str();
      cond.values = StringsOf(c.Find("values"));
      st.conditions.push_back(std::move(cond));
    }
  }
  return st;
}

/// The constants of a statement block's configuration expressions; a field with references
/// makes the statement partially unknown (and, but for the Sid and condition parts, its core).
class Constants {
 public:
  explicit Constants(Statement* st) : st_(st) {}

  const Value* operator()(const Value* block, const char* f) const {
    const Value* e = block != nullptr ? block->Find(f) : nullptr;
    if (e == nullptr) return nullptr;
    if (const Value* r = e->Find("references"); r != nullptr && !r->items().empty()) {
      st_->partially_unknown = true;
      const std::string_view field(f);
      if (field != "sid" && field != "values" && field != "variable" && field != "test") {
        MarkCore(f, st_);
      }
    }
    return e->Find("constant_value");
  }

 private:
  Statement* st_;
};

void PrincipalsFromExpressions(const Value& b, const Constants& constant, Statement* st) {
  for (const char* pf : {"principals", "not_principals"}) {
    const Value* blocks = b.Find(pf);
    if (blocks == nullptr || !blocks->IsArray()) continue;
    for (const auto& p : blocks->items()) {
      const Value* type = constant(&p, "type");
      const Value* ids = constant(&p, "identifiers");
      if (type == nullptr || !type->IsString()) continue;
      st->principal.present = true;
      st->not_principal = std::string_view(pf) == "not_principals";
      for (const auto& id : StringsOf(ids)) AddPrincipal(st, type->str(), id);
    }
  }
}

/// A statement from configuration expressions (constants only; references make it unknown).
Statement StatementFromExpressions(const Value& b, Location loc) {
  Statement st;
  st.loc = std::move(loc);
  const Constants constant(&st);
  const Value* sid = constant(&b, "sid");
  if (sid != nullptr && sid->IsString()) st.sid = sid->str();
  st.effect = EffectOf(constant(&b, "effect"));
  const Value* res = constant(&b, "resources");
  const Value* nres = constant(&b, "not_resources");
  FillLists(&st, StringsOf(constant(&b, "actions")), StringsOf(constant(&b, "not_actions")), res,
            nres);
  PrincipalsFromExpressions(b, constant, &st);
  if (const Value* conds = b.Find("condition"); conds != nullptr && conds->IsArray()) {
    for (const auto& c : conds->items()) {
      Condition cond;
      const Value* t = constant(&c, "test");
      const Value* v = constant(&c, "variable");
      if (t != nullptr && t->IsString()) cond.op = t->str();
      if (v != nullptr && v->IsString()) cond.key = v->str();
      cond.values = StringsOf(constant(&c, "values"));
      st.conditions.push_back(std::move(cond));
    }
  }
  if (b.Find("dynamic") != nullptr) {
    st.partially_unknown = st.unknown_core = st.unknown_actions = st.unknown_resources = true;
  }
  return st;
}

bool IsUnknownIn(const Value* mask, const char* attr) {
  const Value* u = mask != nullptr ? mask->Find(attr) : nullptr;
  return u != nullptr && u->IsBool() && u->AsBool();
}

/// The document before its statements: its location, the version the provider writes, and
/// whether the statement list as a whole is unknown.
PolicyDocument Shell(const PolicyDocumentBlock& block) {
  PolicyDocument pd;
  pd.loc = block.loc;
  pd.version = "2012-10-17";
  if (IsUnknownIn(block.unknown, "statement")) pd.partially_unknown = pd.unknown_statements = true;
  return pd;
}

void Append(PolicyDocument* pd, Statement st) {
  if (st.partially_unknown) pd->partially_unknown = true;
  pd->statements.push_back(std::move(st));
}

/// Merged documents (`source_*`, `override_*`) add or replace statements this emulation does
/// not see: the statement list is incomplete.
void WeighMergedDocuments(const PolicyDocumentBlock& block, PolicyDocument* pd) {
  for (const char* extra :
       {"source_policy_documents", "override_policy_documents", "source_json", "override_json"}) {
    const Value* v = block.values != nullptr ? block.values->Find(extra) : nullptr;
    if (v != nullptr && v->IsNull()) v = nullptr;
    bool nonempty = v != nullptr &&
                    ((v->IsArray() && !v->items().empty()) || (v->IsString() && !v->str().empty()));
    if (nonempty || IsUnknownIn(block.unknown, extra)) {
      pd->partially_unknown = pd->unknown_statements = true;
    }
  }
}

}  // namespace

std::vector<std::string> StringsOf(const Value* v) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (v->IsString()) out.push_back(v->str());
  for (const auto& i : v->items()) {
    if (i.IsString()) out.push_back(i.str());
  }
  return out;
}

std::optional<PolicyDocument> EmulatePolicyDocument(const PolicyDocumentBlock& block,
                                                    const LocateStatement& locate) {
  const Value* stmts = block.values != nullptr ? block.values->Find("statement") : nullptr;
  if (stmts == nullptr || !stmts->IsArray()) return std::nullopt;
  const Value* unk = block.unknown != nullptr ? block.unknown->Find("statement") : nullptr;
  PolicyDocument pd = Shell(block);
  for (size_t i = 0; i < stmts->items().size(); ++i) {
    const Value& b = stmts->items()[i];
    const Value* su = unk != nullptr ? unk->At(i) : nullptr;
    Append(&pd,
           StatementFromBlock(b, su, locate(json::PointerAppend(block.statements_pointer, i), b)));
  }
  WeighMergedDocuments(block, &pd);
  return pd;
}

PolicyDocument PolicyDocumentFromExpressions(const PolicyDocumentBlock& block,
                                             const Value& statement_expressions) {
  PolicyDocument pd = Shell(block);
  for (const auto& e : statement_expressions.items()) {
    Append(&pd, StatementFromExpressions(e, block.loc));
  }
  WeighMergedDocuments(block, &pd);
  return pd;
}

}  // namespace iamlint::plan
