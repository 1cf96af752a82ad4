// Templates: interpolation and the %{if} / %{for} directives.
#include <string>
#include <utility>
#include <vector>

#include "tf/machine.h"

namespace iamlint::tf {

namespace {

// Collects the parts of a template's result.
struct Text {
  std::string s;
  std::vector<Value> unknown;  // unknown parts (their origins)
  bool sensitive = false;
  bool failed = false;
};

// Appends the string of `v` (an interpolation's value) to `t`.
void AppendPart(Machine* m, const Value& v, const hcl::Range& at, Text* t) {
  t->sensitive = t->sensitive || v.AnySensitive();
  if (!v.WhollyKnown()) {
    t->unknown.push_back(v);
    return;
  }
  std::string s;
  if (v.IsNull()) {
    m->Error(at, "the interpolated value is null: a template needs a string");
    t->failed = true;
    return;
  }
  if (!ToStringValue(v, &s)) {
    m->Error(at, "cannot interpolate " + WithArticle(v) + " into a template: it needs a string");
    t->failed = true;
    return;
  }
  if (t->s.size() + s.size() > m->MaxStringBytes()) {
    m->StringTooLong(at);
    t->failed = true;
    return;
  }
  t->s += s;
}

Value Finish(Text* t) {
  if (t->failed) return Value::Unknown();
  if (!t->unknown.empty()) return UnknownFromAll(t->unknown);
  return Marked(Value::String(std::move(t->s)), t->sensitive);
}

}  // namespace

Value Machine::EvalTemplate(const hcl::Expr& e) {
  if (e.IsSingleInterpolation()) return Eval(*e.parts[0]);
  return TemplateString(e);
}

Value Machine::TemplateString(const hcl::Expr& e) {
  if (e.kind != hcl::ExprKind::kTemplate) {
    Text t;
    AppendPart(this, Eval(e), e.range, &t);
    return Finish(&t);
  }
  Text t;
  for (const auto& p : e.parts) {
    if (t.failed) break;
    if (p->IsLiteralString()) {
      AppendPart(this, Value::String(p->text), p->range, &t);
    } else {
      AppendPart(this, Eval(*p), p->range, &t);
    }
  }
  return Finish(&t);
}

Value Machine::EvalTemplateIf(const hcl::Expr& e) {
  if (!e.cond) return Value::Unknown();
  Value c = Eval(*e.cond);
  auto branch = [&](const hcl::ExprPtr& b) { return b ? TemplateString(*b) : Value::String(""); };
  if (c.IsUnknown()) {
    Diagnostics scratch;
    Value a = WithDiags(&scratch, [&] { return branch(e.lhs); });
    Value b = WithDiags(&scratch, [&] { return branch(e.rhs); });
    return UnknownFrom({&c, &a, &b});
  }
  bool taken = false;
  if (c.IsNull() || !ToBool(c, &taken)) {
    Error(e.cond->range, "the %{if} condition must be a bool, not " + WithArticle(c));
    return Value::Unknown();
  }
  return Marked(branch(taken ? e.lhs : e.rhs), c.sensitive());
}

Value Machine::EvalTemplateFor(const hcl::Expr& e) {
  if (!e.source) return Value::Unknown();
  Value coll = Eval(*e.source);
  if (coll.IsUnknown()) return coll;
  if (!coll.resource().empty()) return UnknownFrom({&coll});
  if (coll.IsNull() || (!coll.IsList() && !coll.IsMap())) {
    Error(e.source->range,
          "a %{for} directive iterates over a list, set or map, not " + WithArticle(coll));
    return Value::Unknown();
  }
  Text t;
  t.sensitive = coll.AnySensitive();
  ev_->bound_.emplace_back();
  const size_t n = coll.IsList() ? coll.items().size() : coll.members().size();
  auto member = coll.members().begin();
  for (size_t i = 0; i < n && !t.failed; ++i) {
    const Value& val = coll.IsList() ? coll.items()[i] : member->second;
    Value key = coll.is_set()   ? val  // a set's element is its own key
                : coll.IsList() ? Value::Number(static_cast<double>(i))
                                : Value::String(member->first);
    if (coll.IsMap()) ++member;
    Charge(val);
    ev_->bound_.back()[e.text] = val;
    if (!e.key_name.empty()) ev_->bound_.back()[e.key_name] = key;
    if (e.rhs) AppendPart(this, TemplateString(*e.rhs), e.rhs->range, &t);
  }
  ev_->bound_.pop_back();
  return Finish(&t);
}

}  // namespace iamlint::tf
