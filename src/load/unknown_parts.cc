#include "load/unknown_parts.h"

#include <algorithm>
#include <string>
#include <vector>

#include "policy/parse.h"

namespace iamlint {
namespace {

using json::Value;

bool Strip(std::vector<std::string>* list) {
  const size_t before = list->size();
  list->erase(std::remove(list->begin(), list->end(), kUnknownPart), list->end());
  return list->size() != before;
}

/// Takes the unknown parts out of statement `st` (its resolved JSON: `resolved`, or null) and
/// marks what they leave unknown; true when any part of it was.
bool StripStatement(const Value* resolved, Statement* st) {
  bool effect_unknown = false;
  if (resolved != nullptr && resolved->IsObject()) {
    const Value* e = resolved->Find("Effect");
    effect_unknown = e != nullptr && e->IsString() && e->str() == kUnknownPart;
  }
  for (auto& r : st->resources) {
    if (r.empty() || r[0] != kPatternPart) continue;
    const bool allow = st->effect == Effect::kAllow && !st->not_resource;
    r = allow ? r.substr(1) : kUnknownPart;
  }
  // Both lists are stripped whatever the first says.
  const bool actions_unknown = Strip(&st->actions);
  const bool resources_unknown = Strip(&st->resources);
  bool core = actions_unknown || resources_unknown || effect_unknown;
  for (auto& [kind, ids] : st->principal.ids) core = Strip(&ids) || core;
  bool cond = false;
  for (auto& c : st->conditions) cond = Strip(&c.values) || cond;
  if (st->sid == kUnknownPart) st->sid.clear();
  if (core) st->unknown_core = true;
  if (actions_unknown || effect_unknown) st->unknown_actions = true;
  if (resources_unknown) st->unknown_resources = true;
  if (core || cond) st->partially_unknown = true;
  return core || cond;
}

bool IsMarker(const Value& v) { return v.IsString() && v.str() == kUnknownPart; }

Value Copy(const Value& v) {
  switch (v.type()) {
    case json::Type::kObject: {
      Value out = Value::Object(v.offset());
      for (const auto& m : v.members()) out.Add(m.key, Copy(*m.value));
      return out;
    }
    case json::Type::kArray: {
      Value out = Value::Array(v.offset());
      for (const auto& item : v.items()) out.Push(Copy(item));
      return out;
    }
    case json::Type::kString:
      return Value::String(v.str(), v.offset());
    case json::Type::kNumber:
      return Value::Number(v.str(), v.offset());
    case json::Type::kBool:
      return Value::Bool(v.AsBool(), v.offset());
    case json::Type::kNull:
      break;
  }
  return Value::Null(v.offset());
}

/// What a statement's markers in place of an object hid: its principal (`core`), or some of
/// its conditions (the operators whose keys are unknown; "" for a whole unknown Condition).
struct Hidden {
  bool core = false;
  std::vector<std::string> condition_ops;
};

/// A copy of statement `st` without the markers that stand where the grammar wants an object
/// (a whole Principal or Condition, one condition operator's keys), which it would take for
/// shape errors; what they hid goes to `hidden`.
Value WithoutHiddenParts(const Value& st, Hidden* hidden) {
  if (!st.IsObject()) return Copy(st);
  Value out = Value::Object(st.offset());
  for (const auto& m : st.members()) {
    const Value& v = *m.value;
    if ((m.key == "Principal" || m.key == "NotPrincipal") && IsMarker(v)) {
      hidden->core = true;
      continue;
    }
    if (m.key == "Condition" && IsMarker(v)) {
      hidden->condition_ops.emplace_back();
      continue;
    }
    if (m.key == "Condition" && v.IsObject()) {
      Value condition = Value::Object(v.offset());
      for (const auto& op : v.members()) {
        if (IsMarker(*op.value)) {
          hidden->condition_ops.push_back(op.key);
          continue;
        }
        condition.Add(op.key, Copy(*op.value));
      }
      out.Add(m.key, std::move(condition));
      continue;
    }
    out.Add(m.key, Copy(v));
  }
  return out;
}

/// `resolved` with every statement WithoutHiddenParts, and what each hid (in order).
Value WithoutHiddenParts(const Value& resolved, std::vector<Hidden>* hidden) {
  if (!resolved.IsObject()) return Copy(resolved);
  Value out = Value::Object(resolved.offset());
  for (const auto& m : resolved.members()) {
    if (m.key != "Statement") {
      out.Add(m.key, Copy(*m.value));
      continue;
    }
    hidden->clear();  // a key written twice: the grammar reads the last one
    if (!m.value->IsArray()) {
      hidden->emplace_back();
      out.Add(m.key, WithoutHiddenParts(*m.value, &hidden->back()));
      continue;
    }
    Value list = Value::Array(m.value->offset());
    for (const auto& st : m.value->items()) {
      hidden->emplace_back();
      list.Push(WithoutHiddenParts(st, &hidden->back()));
    }
    out.Add(m.key, std::move(list));
  }
  return out;
}

}  // namespace

PolicyDocument PolicyWithUnknownParts(const Value& marked, const Location& loc,
                                      const json::LineIndex* lines, bool statements_unknown) {
  std::vector<Hidden> hidden;
  const Value resolved = WithoutHiddenParts(marked, &hidden);
  PolicyDocument pd = PolicyFromJson(resolved, loc, lines);
  if (statements_unknown) {
    pd.unknown_statements = true;
    pd.partially_unknown = true;
  }
  // The resolved statements, in the order PolicyFromJson read them.
  std::vector<const Value*> resolved_statements;
  if (const Value* st = resolved.IsObject() ? resolved.Find("Statement") : nullptr) {
    if (st->IsArray()) {
      for (const auto& item : st->items()) resolved_statements.push_back(&item);
    } else {
      resolved_statements.push_back(st);
    }
  }
  for (size_t i = 0; i < pd.statements.size(); ++i) {
    const Value* r = i < resolved_statements.size() ? resolved_statements[i] : nullptr;
    Statement& st = pd.statements[i];
    if (StripStatement(r, &st)) pd.partially_unknown = true;
    // (Statements of a document that is not one are not in `hidden`: nothing was taken.)
    const Hidden h =
        i < hidden.size() && resolved_statements.size() == hidden.size() ? hidden[i] : Hidden{};
    if (h.core) st.unknown_core = true;
    // A condition that is there, though unknown: a statement with one is never taken for an
    // unconditional one (its values are unknown, as a stripped condition value's are).
    for (const std::string& op : h.condition_ops) st.conditions.push_back(Condition{op, "", {}});
    if (h.core || !h.condition_ops.empty()) st.partially_unknown = pd.partially_unknown = true;
  }
  return pd;
}

bool HasUnknownParts(std::string_view text) {
  // In JSON text the marker's control characters are escaped (`\u0001`): its name suffices
  // (a document that only names it is read as it would be without the check).
  return text.find("iamlint-unknown") != std::string_view::npos;
}

}  // namespace iamlint
