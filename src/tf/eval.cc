// Evaluation of expressions: the walk over the tree, traversals, collections and `for`.
#include "tf/eval.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "tf/machine.h"

namespace iamlint::tf {

namespace {

Diagnostic Located(Diagnostic::Kind kind, const hcl::Range& at, std::string message) {
  Diagnostic d;
  d.kind = kind;
  if (at.file != nullptr) d.file = *at.file;
  d.pos = at.begin;
  d.message = std::move(message);
  return d;
}

// Restores a counter on leaving a scope.
class DepthGuard {
 public:
  explicit DepthGuard(size_t* depth) : depth_(depth) { ++*depth_; }
  ~DepthGuard() { --*depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  size_t* depth_;
};

size_t CountNodesDepth(const Value& v, size_t cap, size_t depth_left, bool* too_deep) {
  if (depth_left == 0) {
    *too_deep = true;
    return cap + 1;
  }
  size_t n = 1 + v.str().size() / 64;
  for (const Value& x : v.items()) {
    if (n > cap) return n;
    n += CountNodesDepth(x, cap - n, depth_left - 1, too_deep);
  }
  for (const auto& [k, x] : v.members()) {
    if (n > cap) return n;
    n += 1 + k.size() / 64;
    if (n > cap) return n;
    n += CountNodesDepth(x, cap - n, depth_left - 1, too_deep);
  }
  return n;
}

}  // namespace

void Diagnostics::Error(const hcl::Range& at, std::string message) {
  items.push_back(Located(Diagnostic::Kind::kError, at, std::move(message)));
}

void Diagnostics::Note(const hcl::Range& at, std::string message) {
  items.push_back(Located(Diagnostic::Kind::kNote, at, std::move(message)));
}

bool Diagnostics::HasErrors() const {
  return std::any_of(items.begin(), items.end(),
                     [](const Diagnostic& d) { return d.kind == Diagnostic::Kind::kError; });
}

Value Evaluator::Eval(const hcl::Expr& e) { return EvalWith(e, {}); }

Value Evaluator::EvalWith(const hcl::Expr& e, const std::map<std::string, Value>& bindings) {
  // A fresh scope: an Eval re-entered from a Resolver never sees the caller's `for` names.
  std::vector<std::map<std::string, Value>> saved;
  saved.swap(bound_);
  if (!bindings.empty()) bound_.push_back(bindings);
  Machine m(this);
  Value v = m.Eval(e);
  bound_.swap(saved);
  // Past a limit, the value is unknown as a whole (the error says why).
  if (m.Poisoned()) return Value::Unknown();
  return v;
}

void Machine::LimitError(const hcl::Range& at, const std::string& message) {
  ++ev_->limit_hits_;
  diags_->Error(at,
                message + " (a limit of iamlint's, not of Terraform's: it cannot check past it)");
}

size_t Machine::CountNodes(const Value& v, size_t cap) {
  bool too_deep = false;
  return CountNodesDepth(v, cap, size_t{1} << 20, &too_deep);
}

bool Machine::Fits(const Value& v, const hcl::Range& at) {
  if (!v.IsList() && !v.IsMap() && !v.IsString()) return true;
  bool too_deep = false;
  const size_t cap = limits().max_nodes;
  const size_t n = CountNodesDepth(v, cap, limits().max_depth, &too_deep);
  if (too_deep) {
    LimitError(at, "this value would be nested more than " + std::to_string(limits().max_depth) +
                       " levels deep");
    return false;
  }
  if (n > cap) {
    LimitError(at, "this value would have more than " + std::to_string(cap) + " elements");
    return false;
  }
  return true;
}

void Machine::StringTooLong(const hcl::Range& at) {
  LimitError(at, "this string would be longer than " + std::to_string(MaxStringBytes()) +
                     " bytes (more than " + std::to_string(limits().max_nodes) + " elements)");
}

bool Machine::StepsLeft(const hcl::Range& at) {
  if (ev_->steps_ <= limits().max_steps) return true;
  if (!ev_->steps_reported_) {
    ev_->steps_reported_ = true;
    LimitError(at, "evaluation takes more than " + std::to_string(limits().max_steps) + " steps");
  } else {
    ++ev_->limit_hits_;  // still a limit, for try() and can()
  }
  return false;
}

Value Machine::Eval(const hcl::Expr& e) {
  ++ev_->steps_;
  if (Poisoned() || !StepsLeft(e.range)) return Value::Unknown();
  if (ev_->depth_ >= limits().max_depth) {
    LimitError(e.range, "expressions nested more than " + std::to_string(limits().max_depth) +
                            " levels deep");
    return Value::Unknown();
  }
  DepthGuard guard(&ev_->depth_);
  return Dispatch(e);
}

Value Machine::Dispatch(const hcl::Expr& e) {
  using hcl::ExprKind;
  switch (e.kind) {
    case ExprKind::kLiteral:
      switch (e.literal) {
        case hcl::LiteralKind::kNull:
          return Value::Null();
        case hcl::LiteralKind::kBool:
          return Value::Bool(e.text == "true");
        case hcl::LiteralKind::kNumber:
          return Value::NumberText(e.text);
        case hcl::LiteralKind::kString:
          return Value::String(e.text);
      }
      return Value::Null();
    case ExprKind::kTemplate:
      return EvalTemplate(e);
    case ExprKind::kTemplateIf:
      return EvalTemplateIf(e);
    case ExprKind::kTemplateFor:
      return EvalTemplateFor(e);
    case ExprKind::kVariable:
    case ExprKind::kGetAttr:
      return EvalTraversal(e);
    case ExprKind::kIndex:
      return EvalIndex(e);
    case ExprKind::kSplat:
      return EvalSplat(e);
    case ExprKind::kSplatItem:
      if (splat_items_.empty()) return Value::Unknown();
      Charge(*splat_items_.back());
      return *splat_items_.back();
    case ExprKind::kCall:
      return EvalCall(e);
    case ExprKind::kUnary:
      return EvalUnary(e);
    case ExprKind::kBinary:
      return EvalBinary(e);
    case ExprKind::kConditional:
      return EvalConditional(e);
    case ExprKind::kParens:
      return e.lhs ? Eval(*e.lhs) : Value::Null();
    case ExprKind::kTuple:
      return EvalTuple(e);
    case ExprKind::kObject:
      return EvalObject(e);
    case ExprKind::kFor:
      return EvalFor(e);
  }
  return Value::Unknown();
}

const Value* Machine::Bound(const std::string& name) const {
  for (auto it = ev_->bound_.rbegin(); it != ev_->bound_.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end()) return &found->second;
  }
  return nullptr;
}

namespace {

// `v.name`.
Value GetAttr(Machine* m, const Value& v, const std::string& name, const hcl::Range& at) {
  if (v.IsUnknown()) return v;
  if (v.IsMap()) {
    const Value* member = v.Find(name);
    if (member != nullptr) return ReadFrom(v, *member, name);
    if (!v.resource().empty()) return Marked(Value::Unknown({{v.resource(), name}}), v.sensitive());
    m->Error(at, "this object has no attribute named \"" + name + "\"");
    return Value::Unknown();
  }
  if (v.IsNull()) {
    m->Error(at, "cannot read attribute \"" + name + "\" of a null value");
  } else if (v.IsList()) {
    m->Error(at, "cannot read attribute \"" + name +
                     "\" of a list: use an index ([0]) or a splat ([*]." + name + ")");
  } else {
    m->Error(at, "cannot read attribute \"" + name + "\" of " + WithArticle(v));
  }
  return Value::Unknown();
}

// `c[key]`.
Value IndexValue(Machine* m, const Value& c, const Value& key, const hcl::Range& at) {
  if (c.IsUnknown()) return UnknownFrom({&c, &key});
  if (!key.WhollyKnown()) {
    Value u = UnknownFrom({&c, &key});
    if (!c.resource().empty()) u.AddOrigins({{c.resource(), ""}});
    return u;
  }
  if (key.IsNull()) {
    m->Error(at, "the index must not be null");
    return Value::Unknown();
  }
  if (c.is_set()) {
    m->Error(at, "the elements of a set have no index: convert it with tolist() first");
    return Value::Unknown();
  }
  if (c.IsList()) {
    double d = 0;
    if (!ToNumber(key, &d)) {
      m->Error(at, "a list index must be a number, not " + WithArticle(key));
      return Value::Unknown();
    }
    if (d != std::floor(d) || d < 0 || d >= static_cast<double>(c.items().size())) {
      m->Error(at, "index " + Value::Number(d).str() + " is out of range for a list of " +
                       std::to_string(c.items().size()) + " elements");
      return Value::Unknown();
    }
    return Marked(c.items()[static_cast<size_t>(d)], c.sensitive());
  }
  if (c.IsMap()) {
    std::string k;
    if (!ToStringValue(key, &k)) {
      m->Error(at, "a map key must be a string, not " + WithArticle(key));
      return Value::Unknown();
    }
    const Value* member = c.Find(k);
    if (member != nullptr) return ReadFrom(c, *member, k);
    if (!c.resource().empty()) return Marked(Value::Unknown({{c.resource(), k}}), c.sensitive());
    m->Error(at, "this map has no element with the key \"" + k + "\"");
    return Value::Unknown();
  }
  m->Error(at, "cannot index " + WithArticle(c));
  return Value::Unknown();
}

}  // namespace

Value Machine::EvalTraversal(const hcl::Expr& e) {
  // The chain of static attribute names down to the root.
  std::vector<const hcl::Expr*> chain;
  const hcl::Expr* root = &e;
  while (root->kind == hcl::ExprKind::kGetAttr && root->source) {
    chain.push_back(root);
    root = root->source.get();
  }
  if (root->kind == hcl::ExprKind::kGetAttr) return Value::Unknown();  // no source: not parsed
  std::reverse(chain.begin(), chain.end());
  ev_->steps_ += chain.size();
  Value v;
  size_t consumed = 0;
  if (root->kind != hcl::ExprKind::kVariable) {
    v = Eval(*root);
  } else if (const Value* bound = Bound(root->text)) {
    v = *bound;
  } else if (isolated_) {
    Error(root->range, "\"" + root->text + "\" is not one of the variables given to templatefile");
    return Value::Unknown();
  } else {
    std::vector<std::string> names;
    names.reserve(chain.size());
    for (const hcl::Expr* x : chain) names.push_back(x->text);
    if (!resolver()->Resolve(root->text, names, e.range, &v, &consumed, diags_)) {
      return Value::Unknown();
    }
    consumed = std::min(consumed, chain.size());
  }
  Charge(v);
  for (size_t i = consumed; i < chain.size(); ++i) {
    v = GetAttr(this, v, chain[i]->text, chain[i]->range);
  }
  return v;
}

Value Machine::EvalIndex(const hcl::Expr& e) {
  if (!e.source || !e.rhs) return Value::Unknown();
  Value c = Eval(*e.source);
  Value key = Eval(*e.rhs);
  return IndexValue(this, c, key, e.range);
}

Value Machine::EvalSplat(const hcl::Expr& e) {
  if (!e.source || !e.rhs) return Value::Unknown();
  Value src = Eval(*e.source);
  if (src.IsUnknown()) return src;
  if (src.IsNull()) return Value::List({});
  std::vector<Value> one;
  if (!src.IsList()) one.push_back(src);
  const std::vector<Value>& items = src.IsList() ? src.items() : one;
  std::vector<Value> out;
  out.reserve(items.size());
  size_t nodes = 1;
  for (const Value& item : items) {
    splat_items_.push_back(&item);
    Value r = Eval(*e.rhs);
    splat_items_.pop_back();
    nodes += CountNodes(r, limits().max_nodes);
    if (nodes > limits().max_nodes) {
      LimitError(e.range, "this value would have more than " + std::to_string(limits().max_nodes) +
                              " elements");
      return Value::Unknown();
    }
    out.push_back(std::move(r));
  }
  return Marked(Value::List(std::move(out)), src.sensitive());
}

Value Machine::EvalConditional(const hcl::Expr& e) {
  if (!e.cond || !e.lhs || !e.rhs) return Value::Unknown();
  Value c = Eval(*e.cond);
  if (c.IsUnknown()) {
    // Either branch may be taken: their errors do not count (Terraform drops them too).
    Diagnostics scratch;
    Value a = WithDiags(&scratch, [&] { return Eval(*e.lhs); });
    Value b = WithDiags(&scratch, [&] { return Eval(*e.rhs); });
    Value u = UnknownFrom({&a, &b});
    if (c.sensitive()) u.set_sensitive(true);
    return u;
  }
  bool taken = false;
  if (c.IsNull()) {
    Error(e.cond->range, "the condition must not be null");
    return Value::Unknown();
  }
  if (!ToBool(c, &taken)) {
    Error(e.cond->range, "the condition must be a bool, not " + WithArticle(c));
    return Value::Unknown();
  }
  const hcl::Expr& chosen = taken ? *e.lhs : *e.rhs;
  const hcl::Expr& other = taken ? *e.rhs : *e.lhs;
  Value v = Eval(chosen);
  // Both results take one type: a number or bool beside a string becomes a string.
  if (v.kind() == Value::Kind::kNumber || v.kind() == Value::Kind::kBool) {
    Diagnostics scratch;
    Value o = WithDiags(&scratch, [&] { return Eval(other); });
    if (o.IsString()) {
      std::string s;
      ToStringValue(v, &s);
      const bool sensitive = v.sensitive();
      v = Value::String(s);
      v.set_sensitive(sensitive);
    }
  }
  if (c.sensitive()) v.set_sensitive(true);
  return v;
}

Value Machine::EvalTuple(const hcl::Expr& e) {
  std::vector<Value> out;
  out.reserve(e.parts.size());
  size_t nodes = 1;
  for (const auto& p : e.parts) {
    Value v = Eval(*p);
    nodes += CountNodes(v, limits().max_nodes);
    if (nodes > limits().max_nodes) {
      LimitError(e.range, "this value would have more than " + std::to_string(limits().max_nodes) +
                              " elements");
      return Value::Unknown();
    }
    out.push_back(std::move(v));
  }
  Value t = Value::List(std::move(out));
  if (!Fits(t, e.range)) return Value::Unknown();
  return t;
}

Value Machine::EvalObject(const hcl::Expr& e) {
  std::map<std::string, Value> members;
  std::vector<Value> unknown_keys;
  size_t nodes = 1;
  for (const hcl::ObjectMember& m : e.members) {
    if (!m.key || !m.value) continue;
    Value k = Eval(*m.key);
    Value v = Eval(*m.value);
    if (k.IsUnknown()) {
      unknown_keys.push_back(std::move(k));
      unknown_keys.push_back(std::move(v));
      continue;
    }
    std::string key;
    if (k.IsNull()) {
      Error(m.key->range, "an object key must not be null");
      return Value::Unknown();
    }
    if (!ToStringValue(k, &key)) {
      Error(m.key->range, "an object key must be a string, not " + WithArticle(k));
      return Value::Unknown();
    }
    nodes += 1 + key.size() / 64 + CountNodes(v, limits().max_nodes);
    if (nodes > limits().max_nodes) {
      LimitError(e.range, "this value would have more than " + std::to_string(limits().max_nodes) +
                              " elements");
      return Value::Unknown();
    }
    members[key] = std::move(v);
  }
  if (!unknown_keys.empty()) return UnknownFromAll(unknown_keys);
  Value o = Value::Map(std::move(members));
  if (!Fits(o, e.range)) return Value::Unknown();
  return o;
}

Value Machine::EvalFor(const hcl::Expr& e) {
  if (!e.source || !e.rhs || (e.object_for && !e.lhs)) return Value::Unknown();
  Value coll = Eval(*e.source);
  if (coll.IsUnknown()) return coll;
  if (coll.IsNull()) {
    Error(e.source->range, "a for expression cannot iterate over a null value");
    return Value::Unknown();
  }
  if (!coll.IsList() && !coll.IsMap()) {
    Error(e.source->range,
          "a for expression iterates over a list, set or map, not " + WithArticle(coll));
    return Value::Unknown();
  }
  if (!coll.resource().empty()) {  // a resource's attributes are more than those known
    return Marked(Value::Unknown({{coll.resource(), ""}}), coll.sensitive());
  }
  ev_->bound_.emplace_back();
  Value out = ForBody(e, coll);
  ev_->bound_.pop_back();
  if (coll.AnySensitive()) out.set_sensitive(true);
  return out;
}

Value Machine::ForBody(const hcl::Expr& e, const Value& coll) {
  std::vector<Value> items;
  std::map<std::string, Value> members;
  std::map<std::string, std::vector<Value>> groups;
  size_t nodes = 1;
  const size_t n = coll.IsList() ? coll.items().size() : coll.members().size();
  auto member = coll.members().begin();
  for (size_t i = 0; i < n; ++i) {
    const Value& val = coll.IsList() ? coll.items()[i] : member->second;
    Value key = coll.is_set()   ? val  // a set's element is its own key
                : coll.IsList() ? Value::Number(static_cast<double>(i))
                                : Value::String(member->first);
    if (coll.IsMap()) ++member;
    Charge(val);
    {
      auto& frame = ev_->bound_.back();
      frame[e.text] = Marked(val, coll.sensitive());
      if (!e.key_name.empty()) frame[e.key_name] = key;
    }
    if (e.cond) {
      Value c = Eval(*e.cond);
      bool keep = false;
      if (c.IsUnknown()) return UnknownFrom({&c, &coll});
      if (c.IsNull() || !ToBool(c, &keep)) {
        Error(e.cond->range, "the `if` condition must be a bool, not " + WithArticle(c));
        return Value::Unknown();
      }
      if (!keep) continue;
    }
    std::string k;
    if (e.object_for) {
      Value kv = Eval(*e.lhs);
      if (kv.IsUnknown()) return UnknownFrom({&kv, &coll});
      if (kv.IsNull() || !ToStringValue(kv, &k)) {
        Error(e.lhs->range, "an object key must be a string, not " + WithArticle(kv));
        return Value::Unknown();
      }
    }
    Value v = Eval(*e.rhs);
    nodes += 1 + k.size() / 64 + CountNodes(v, limits().max_nodes);
    if (nodes > limits().max_nodes) {
      LimitError(e.range, "this value would have more than " + std::to_string(limits().max_nodes) +
                              " elements");
      return Value::Unknown();
    }
    if (!e.object_for) {
      items.push_back(std::move(v));
    } else if (e.grouping) {
      groups[k].push_back(std::move(v));
    } else if (members.count(k) != 0) {
      Error(e.lhs->range, "duplicate object key \"" + k +
                              "\": use `...` after the value to group the values by key");
      return Value::Unknown();
    } else {
      members[k] = std::move(v);
    }
  }
  if (!e.object_for) return Value::List(std::move(items));
  if (e.grouping) {
    for (auto& [k, vs] : groups) members[k] = Value::List(std::move(vs));
  }
  return Value::Map(std::move(members));
}

Value Machine::EvalIsolated(const hcl::Expr& e, const std::map<std::string, Value>& vars) {
  std::vector<std::map<std::string, Value>> saved;
  saved.swap(ev_->bound_);
  ev_->bound_.push_back(vars);
  const bool was = isolated_;
  isolated_ = true;
  Value v = Eval(e);
  isolated_ = was;
  ev_->bound_.swap(saved);
  return v;
}

}  // namespace iamlint::tf
