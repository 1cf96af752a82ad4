// Function calls: the registry, argument checks, `...` expansion, try() and can().
#include "tf/functions.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace iamlint::tf {

Value Call::Fail(size_t i, const std::string& message) {
  m->Error(At(i), name + ": " + message);
  return Value::Unknown();
}

Value Call::NotEvaluated(const std::string& why) {
  m->Note(expr->range,
          "function " + name + " is not evaluated by iamlint (" + why + "): its value is unknown");
  return UnknownFromAll(args);
}

namespace {

std::string Ordinal(size_t i) { return "argument " + std::to_string(i + 1); }

}  // namespace

bool Call::Str(size_t i, std::string* out) {
  if (ToStringValue(args[i], out)) return true;
  Fail(i, Ordinal(i) + " must be a string, not " + WithArticle(args[i]));
  return false;
}

bool Call::Num(size_t i, double* out) {
  if (ToNumber(args[i], out)) return true;
  Fail(i, Ordinal(i) + " must be a number, not " + WithArticle(args[i]));
  return false;
}

bool Call::Int(size_t i, int64_t* out) {
  double d = 0;
  if (!Num(i, &d)) return false;
  if (d != std::floor(d) || std::fabs(d) > 9007199254740992.0) {
    Fail(i, Ordinal(i) + " must be a whole number, not " + Value::Number(d).str());
    return false;
  }
  *out = static_cast<int64_t>(d);
  return true;
}

bool Call::Bool(size_t i, bool* out) {
  if (ToBool(args[i], out)) return true;
  Fail(i, Ordinal(i) + " must be a bool, not " + WithArticle(args[i]));
  return false;
}

bool Call::List(size_t i, const Value** out) {
  if (args[i].IsList()) {
    *out = &args[i];
    return true;
  }
  Fail(i, Ordinal(i) + " must be a list or set, not " + WithArticle(args[i]));
  return false;
}

bool Call::Map(size_t i, const Value** out) {
  if (args[i].IsMap()) {
    *out = &args[i];
    return true;
  }
  Fail(i, Ordinal(i) + " must be a map or object, not " + WithArticle(args[i]));
  return false;
}

bool Call::Strings(size_t i, std::vector<std::string>* out) {
  const Value* l = nullptr;
  if (!List(i, &l)) return false;
  out->clear();
  out->reserve(l->items().size());
  for (size_t k = 0; k < l->items().size(); ++k) {
    std::string s;
    const Value& x = l->items()[k];
    if (x.IsNull()) {
      Fail(i, "element " + std::to_string(k) + " of " + Ordinal(i) + " is null");
      return false;
    }
    if (!ToStringValue(x, &s)) {
      Fail(i, "element " + std::to_string(k) + " of " + Ordinal(i) + " must be a string, not " +
                  WithArticle(x));
      return false;
    }
    out->push_back(std::move(s));
  }
  return true;
}

bool DecodeUtf8(const std::string& s, std::vector<uint32_t>* out) {
  out->clear();
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t c = 0;
    uint32_t min = 0;
    if (b < 0x80) {
      out->push_back(b);
      ++i;
      continue;
    }
    if ((b & 0xE0) == 0xC0) {
      n = 2, c = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      n = 3, c = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      n = 4, c = b & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto x = static_cast<unsigned char>(s[i + k]);
      if ((x & 0xC0) != 0x80) return false;
      c = (c << 6) | (x & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    out->push_back(c);
    i += n;
  }
  return true;
}

void AppendUtf8(uint32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

namespace {

// Code points that stand alone as one character: ranges of letters, symbols and emoji that
// hold no combining marks, joiners, modifiers or other grapheme extenders.
bool StandsAlone(uint32_t c) {
  static const uint32_t kRanges[][2] = {
      {0x0000, 0x02FF},   {0x0370, 0x0482},   {0x048A, 0x052F},   {0x0531, 0x0587},
      {0x05D0, 0x05EA},   {0x0620, 0x064A},   {0x2000, 0x200A},   {0x2010, 0x2027},
      {0x2030, 0x205E},   {0x20A0, 0x20C0},   {0x2100, 0x2BFF},   {0x3000, 0x3029},
      {0x3030, 0x3096},   {0x309B, 0x30FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
      {0xAC00, 0xD7A3},   {0xFF01, 0xFF9D},   {0x1F300, 0x1F3FA}, {0x1F400, 0x1F64F},
      {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF},
  };
  for (const auto& r : kRanges) {
    if (c >= r[0] && c <= r[1]) return true;
  }
  return false;
}

}  // namespace

bool SimpleGraphemes(const std::vector<uint32_t>& cps) {
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] == '\r' && i + 1 < cps.size() && cps[i + 1] == '\n') return false;  // one
    if (!StandsAlone(cps[i])) return false;
  }
  return true;
}

Value MakeSet(std::vector<Value> items) { return Value::Set(std::move(items)); }

namespace {

const std::unordered_map<std::string, Function>& Registry() {
  static const auto* registry = [] {
    std::vector<Function> all;
    AddStringFunctions(&all);
    AddCollectionFunctions(&all);
    AddEncodingFunctions(&all);
    auto* map = new std::unordered_map<std::string, Function>();
    for (const Function& f : all) map->emplace(f.name, f);
    return map;
  }();
  return *registry;
}

}  // namespace

namespace {

// try(): the first argument that evaluates without an error; can(): whether the first does.
Value EvalTryCan(Machine* m, const hcl::Expr& e, bool is_try) {
  const std::string name = e.text;
  if (e.parts.empty() || (!is_try && e.parts.size() != 1)) {
    m->Error(e.range,
             name + ": " + (is_try ? "needs at least one argument" : "needs one argument"));
    return Value::Unknown();
  }
  if (e.expand_final) {
    m->Error(e.range, name + ": its arguments cannot be expanded with `...`");
    return Value::Unknown();
  }
  for (const auto& arg : e.parts) {
    Diagnostics scratch;
    const size_t hits = m->limit_hits();
    Value v = m->WithDiags(&scratch, [&] { return m->Eval(*arg); });
    if (m->limit_hits() != hits) {
      // A limit is no error of the expression: say so, and never pick a later argument.
      m->diags()->items.insert(m->diags()->items.end(), scratch.items.begin(), scratch.items.end());
      return Value::Unknown();
    }
    if (!scratch.HasErrors()) {
      m->diags()->items.insert(m->diags()->items.end(), scratch.items.begin(), scratch.items.end());
      if (!v.WhollyKnown()) return UnknownFrom({&v});
      if (!is_try) return Value::Bool(true);
      return v;
    }
    if (!is_try) return Value::Bool(false);
  }
  m->Error(e.range, "try: no argument could be evaluated without an error");
  return Value::Unknown();
}

// Evaluates the arguments of a call into c->args, expanding a final `...` list. False (with
// *result set) when the call's value is already decided.
bool EvalArgs(Machine* m, const hcl::Expr& e, Call* c, Value* result) {
  for (size_t i = 0; i < e.parts.size(); ++i) {
    Value v = m->Eval(*e.parts[i]);
    if (e.expand_final && i + 1 == e.parts.size()) {
      if (v.IsUnknown()) {
        c->args.push_back(std::move(v));
        *result = UnknownFromAll(c->args);
        return false;
      }
      if (!v.IsList()) {
        m->Error(e.parts[i]->range,
                 e.text + ": the argument before `...` must be a list, not " + WithArticle(v));
        *result = Value::Unknown();
        return false;
      }
      for (const Value& x : v.items()) {
        c->args.push_back(Marked(x, v.sensitive()));
        c->ranges.push_back(e.parts[i]->range);
      }
      continue;
    }
    c->args.push_back(std::move(v));
    c->ranges.push_back(e.parts[i]->range);
  }
  return true;
}

// The checks every function gets; false (with *result) when the call is decided by them.
bool CheckArgs(const Function& f, Call* c, Value* result) {
  const auto n = static_cast<int>(c->args.size());
  if (n < f.min_args || (f.max_args >= 0 && n > f.max_args)) {
    std::string want = std::to_string(f.min_args);
    if (f.max_args != f.min_args) {
      want = f.max_args < 0 ? "at least " + want : want + " to " + std::to_string(f.max_args);
    }
    *result = c->Fail("takes " + want + " argument" + (f.max_args == 1 ? "" : "s") + ", not " +
                      std::to_string(n));
    return false;
  }
  for (size_t i = 0; i < c->args.size(); ++i) {
    const Value& a = c->args[i];
    if ((f.flags & kAllowUnknown) == 0 && a.IsUnknown()) {
      *result = UnknownFromAll(c->args);
      return false;
    }
    if ((f.flags & kAllowNull) == 0 && a.IsNull()) {
      *result = c->Fail(i, "argument " + std::to_string(i + 1) + " must not be null");
      return false;
    }
  }
  if ((f.flags & (kPartial | kAllowUnknown)) == 0) {
    for (const Value& a : c->args) {
      if (!a.WhollyKnown()) {
        *result = UnknownFromAll(c->args);
        return false;
      }
    }
  }
  return true;
}

}  // namespace

Value Machine::EvalCall(const hcl::Expr& e) {
  if (e.text == "try" || e.text == "can") return EvalTryCan(this, e, e.text == "try");
  Call c;
  c.m = this;
  c.expr = &e;
  c.name = e.text;
  Value decided;
  if (!EvalArgs(this, e, &c, &decided)) return decided;
  const auto& registry = Registry();
  auto it = registry.find(e.text);
  if (it == registry.end()) {
    const bool provider = e.text.find("::") != std::string::npos;
    Note(e.range, std::string(provider ? "provider-defined function " : "function ") + e.text +
                      " is not evaluated by iamlint: its value is unknown");
    return UnknownFromAll(c.args);
  }
  const Function& f = it->second;
  if (!CheckArgs(f, &c, &decided)) return decided;
  bool sensitive = false;
  for (const Value& a : c.args) {
    sensitive = sensitive || a.AnySensitive();
    Charge(a);  // functions work in proportion to their arguments
  }
  if (!StepsLeft(e.range)) return Value::Unknown();
  Value v = f.impl(c);
  if (!Fits(v, e.range)) return Value::Unknown();
  if ((f.flags & kOwnSensitive) == 0 && sensitive) v.set_sensitive(true);
  return v;
}

}  // namespace iamlint::tf
