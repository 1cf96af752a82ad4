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
  if (core || cond) st->partially_unknown = true;
  return core || cond;
}

}  // namespace

PolicyDocument PolicyWithUnknownParts(const Value& resolved, const Location& loc,
                                      const json::LineIndex* lines, bool statements_unknown) {
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
    if (StripStatement(r, &pd.statements[i])) pd.partially_unknown = true;
  }
  return pd;
}

bool HasUnknownParts(std::string_view text) {
  // In JSON text the marker's control characters are escaped (`\u0001`): its name suffices
  // (a document that only names it is read as it would be without the check).
  return text.find("iamlint-unknown") != std::string_view::npos;
}

}  // namespace iamlint
