// Collection and number functions: concat, merge, lookup, flatten, range, sort...
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tf/functions.h"

namespace iamlint::tf {

namespace {

bool TooMany(Call& c, size_t n) {
  if (n <= c.m->limits().max_nodes) return false;
  c.m->LimitError(c.expr->range, "this value would have more than " +
                                     std::to_string(c.m->limits().max_nodes) + " elements");
  return true;
}

bool IsPrimitive(const Value& v) {
  return v.IsString() || v.kind() == Value::Kind::kNumber || v.kind() == Value::Kind::kBool;
}

// Terraform's unification of a collection's elements to one type, for the primitive case
// that matters: numbers and bools beside strings become strings. False when the elements
// cannot share a type (primitives beside lists or maps) or when unknown elements leave the
// type open.
bool UnifyElements(std::vector<Value>* items, bool* open) {
  bool any_string = false;
  bool any_other_primitive = false;
  bool any_structure = false;
  bool any_unknown = false;
  for (const Value& v : *items) {
    any_string = any_string || v.IsString();
    any_other_primitive = any_other_primitive || (IsPrimitive(v) && !v.IsString());
    any_structure = any_structure || v.IsList() || v.IsMap();
    any_unknown = any_unknown || v.IsUnknown();
  }
  *open = any_unknown && any_other_primitive;
  if ((any_string || any_other_primitive) && any_structure) return false;
  if (any_string && any_other_primitive) {
    for (Value& v : *items) {
      std::string s;
      if (IsPrimitive(v) && !v.IsString() && ToStringValue(v, &s)) {
        const bool sensitive = v.sensitive();
        v = Value::String(s);
        v.set_sensitive(sensitive);
      }
    }
  }
  return true;
}

// Argument i as a list whose elements share one type, as Terraform converts a tuple for a
// list parameter. False with *result decided: an error, or unknown when unknown elements
// leave the type open.
bool ListOfOneType(Call& c, size_t i, std::vector<Value>* items, Value* result) {
  const Value* l = nullptr;
  if (!c.List(i, &l)) {
    *result = Value::Unknown();
    return false;
  }
  *items = l->items();
  bool open = false;
  if (!UnifyElements(items, &open)) {
    *result = c.Fail(i, "all elements must have the same type");
    return false;
  }
  if (open) {
    *result = UnknownFromAll(c.args);
    return false;
  }
  return true;
}

Value Concat(Call& c) {
  std::vector<Value> out;
  size_t nodes = 1;
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Value* l = nullptr;
    if (!c.List(i, &l)) return Value::Unknown();
    for (const Value& x : l->items()) {
      nodes += Machine::CountNodes(x, c.m->limits().max_nodes);
      if (TooMany(c, nodes)) return Value::Unknown();
      out.push_back(x);
    }
  }
  return Value::List(std::move(out));
}

// A resource map's attributes are more than those known: what counts them is unknown.
bool OpenMap(const Value& m, Value* result) {
  if (m.resource().empty()) return false;
  *result = Marked(Value::Unknown({{m.resource(), ""}}), m.sensitive());
  return true;
}

Value Merge(Call& c) {
  std::map<std::string, Value> out;
  std::string resource;  // the result is open when an argument is (the last one names it)
  size_t nodes = 1;
  for (size_t i = 0; i < c.args.size(); ++i) {
    if (c.args[i].IsNull()) continue;
    const Value* m = nullptr;
    if (!c.Map(i, &m)) return Value::Unknown();
    for (const auto& [k, v] : m->members()) {
      nodes += 1 + Machine::CountNodes(v, c.m->limits().max_nodes);
      if (TooMany(c, nodes)) return Value::Unknown();
      out[k] = ReadFrom(*m, v, k);
    }
    if (!m->resource().empty()) resource = m->resource();
  }
  Value result = Value::Map(std::move(out));
  result.set_resource(resource);
  return result;
}

Value Lookup(Call& c) {
  // The default may be null (`lookup(statement.value, "sid", null)`, Terraform returns it);
  // the map and the key may not.
  for (size_t i = 0; i < 2; ++i) {
    if (c.args[i].IsNull())
      return c.Fail(i, "argument " + std::to_string(i + 1) + " must not be null");
  }
  const Value* m = nullptr;
  std::string key;
  if (!c.Map(0, &m) || !c.Str(1, &key)) return Value::Unknown();
  if (const Value* v = m->Find(key)) return ReadFrom(*m, *v, key);
  if (!m->resource().empty()) return Value::Unknown({{m->resource(), key}});
  if (c.args.size() == 3) return c.args[2];
  return c.Fail(1, "the map has no key \"" + key + "\" and no default is given");
}

Value Element(Call& c) {
  const Value* l = nullptr;
  int64_t i = 0;
  if (!c.List(0, &l) || !c.Int(1, &i)) return Value::Unknown();
  const std::vector<Value>& items = l->items();  // a tuple keeps its element types
  if (items.empty()) return c.Fail(0, "cannot take an element of an empty list");
  // Wrapped around, both ways (-1 is the last element).
  const auto n = static_cast<int64_t>(items.size());
  return items[static_cast<size_t>(((i % n) + n) % n)];
}

Value Length(Call& c) {
  const Value& v = c.args[0];
  if (v.IsList()) return Value::Number(static_cast<double>(v.items().size()));
  Value open;
  if (OpenMap(v, &open)) return open;
  if (v.IsMap()) return Value::Number(static_cast<double>(v.members().size()));
  if (v.IsString()) {
    std::vector<uint32_t> cps;
    if (!DecodeUtf8(v.str(), &cps) || !SimpleGraphemes(cps)) {
      return c.NotEvaluated("its text has characters made of several code points");
    }
    return Value::Number(static_cast<double>(cps.size()));
  }
  return c.Fail(0, "length needs a list, map or string, not " + WithArticle(v));
}

Value Keys(Call& c) {
  const Value* m = nullptr;
  if (!c.Map(0, &m)) return Value::Unknown();
  Value open;
  if (OpenMap(*m, &open)) return open;
  std::vector<Value> out;
  for (const auto& [k, v] : m->members()) out.push_back(Value::String(k));
  return Value::List(std::move(out));
}

Value Values(Call& c) {
  const Value* m = nullptr;
  if (!c.Map(0, &m)) return Value::Unknown();
  Value open;
  if (OpenMap(*m, &open)) return open;
  std::vector<Value> out;
  for (const auto& [k, v] : m->members()) out.push_back(ReadFrom(*m, v, k));
  return Value::List(std::move(out));
}

void FlattenInto(const Value& l, std::vector<Value>* out) {
  for (const Value& x : l.items()) {
    if (x.IsList()) {
      FlattenInto(x, out);
    } else {
      out->push_back(x);
    }
  }
}

Value Flatten(Call& c) {
  const Value* l = nullptr;
  if (!c.List(0, &l)) return Value::Unknown();
  std::vector<Value> out;
  FlattenInto(*l, &out);
  return Value::List(std::move(out));
}

Value Distinct(Call& c) {
  std::vector<Value> items;
  Value early;
  if (!ListOfOneType(c, 0, &items, &early)) return early;
  std::vector<Value> out;
  std::set<Value> seen;
  for (const Value& x : items) {
    if (seen.insert(x).second) out.push_back(x);
  }
  return Value::List(std::move(out));
}

Value Compact(Call& c) {
  const Value* l = nullptr;
  if (!c.List(0, &l)) return Value::Unknown();
  std::vector<Value> out;
  for (const Value& x : l->items()) {
    if (x.IsNull()) continue;
    std::string s;
    if (!ToStringValue(x, &s)) return c.Fail(0, "compact needs a list of strings");
    if (!s.empty()) out.push_back(Value::String(s));
  }
  return Value::List(std::move(out));
}

Value Contains(Call& c) {
  const Value* l = nullptr;
  if (!c.List(0, &l)) return Value::Unknown();
  const std::vector<Value>& items = l->items();
  // Compared without conversion, as `==` does (a tuple keeps its element types).
  return Value::Bool(std::find(items.begin(), items.end(), c.args[1]) != items.end());
}

Value Coalesce(Call& c) {
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Value& v = c.args[i];
    if (!v.WhollyKnown()) return UnknownFromAll(c.args);
    if (v.IsNull() || (v.IsString() && v.str().empty())) continue;
    // The arguments share a type: a number or bool beside a string becomes a string.
    std::vector<Value> all = c.args;
    bool open = false;
    if (!UnifyElements(&all, &open)) return c.Fail("the arguments must all be of one type");
    if (open) return UnknownFromAll(c.args);
    return all[i];
  }
  return c.Fail("every argument is null or an empty string");
}

Value CoalesceList(Call& c) {
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Value* l = nullptr;
    if (c.args[i].IsUnknown()) return UnknownFromAll(c.args);
    if (!c.List(i, &l)) return Value::Unknown();
    if (!l->items().empty()) return *l;
  }
  return c.Fail("no argument is a non-empty list");
}

Value ZipMap(Call& c) {
  std::vector<std::string> keys;
  const Value* values = nullptr;
  if (!c.args[0].WhollyKnown()) return UnknownFromAll(c.args);
  if (!c.Strings(0, &keys) || !c.List(1, &values)) return Value::Unknown();
  if (keys.size() != values->items().size()) {
    return c.Fail("the lists of keys and values must have the same length");
  }
  std::map<std::string, Value> out;
  for (size_t i = 0; i < keys.size(); ++i) out[keys[i]] = values->items()[i];
  return Value::Map(std::move(out));
}

Value Range(Call& c) {
  double start = 0;
  double limit = 0;
  double step = 1;
  for (size_t i = 0; i < c.args.size(); ++i) {
    double d = 0;
    if (!c.Num(i, &d)) return Value::Unknown();
    if (c.args.size() == 1) limit = d;
    if (c.args.size() > 1) (i == 0 ? start : i == 1 ? limit : step) = d;
  }
  if (c.args.size() < 3) step = limit < start ? -1 : 1;
  if (step == 0) return c.Fail("the step must not be zero");
  if ((step > 0 && start < limit) || (step < 0 && start > limit)) {
    const double n = std::ceil((limit - start) / step);
    if (n > 1024) {
      return c.Fail("more than 1024 numbers: Terraform limits range to 1024 elements");
    }
  }
  std::vector<Value> out;
  for (double x = start; step > 0 ? x < limit : x > limit; x += step) {
    if (out.size() >= 1024) return c.Fail("more than 1024 numbers");
    out.push_back(Value::Number(x));
  }
  return Value::List(std::move(out));
}

Value One(Call& c) {
  const Value* l = nullptr;
  if (!c.List(0, &l)) return Value::Unknown();
  if (l->items().empty()) return Value::Null();
  if (l->items().size() > 1) {
    return c.Fail(
        0, "the list must have at most one element, not " + std::to_string(l->items().size()));
  }
  return l->items()[0];
}

Value Reverse(Call& c) {
  const Value* l = nullptr;
  if (!c.List(0, &l)) return Value::Unknown();
  std::vector<Value> out(l->items().rbegin(), l->items().rend());
  return Value::List(std::move(out));
}

Value Sort(Call& c) {
  std::vector<std::string> items;
  if (!c.Strings(0, &items)) return Value::Unknown();
  std::sort(items.begin(), items.end());
  std::vector<Value> out;
  out.reserve(items.size());
  for (std::string& s : items) out.push_back(Value::String(std::move(s)));
  return Value::List(std::move(out));
}

Value Slice(Call& c) {
  const Value* l = nullptr;
  int64_t from = 0;
  int64_t to = 0;
  if (!c.List(0, &l) || !c.Int(1, &from) || !c.Int(2, &to)) return Value::Unknown();
  const std::vector<Value>& items = l->items();
  const auto n = static_cast<int64_t>(items.size());
  if (from < 0 || to > n || from > to) {
    return c.Fail("the indices " + std::to_string(from) + ", " + std::to_string(to) +
                  " are out of range for a list of " + std::to_string(n) + " elements");
  }
  std::vector<Value> out(items.begin() + from, items.begin() + to);
  return Value::List(std::move(out));
}

Value ChunkList(Call& c) {
  std::vector<Value> items;
  Value early;
  int64_t size = 0;
  if (!ListOfOneType(c, 0, &items, &early)) return early;
  if (!c.Int(1, &size)) return Value::Unknown();
  if (size < 0) return c.Fail(1, "the chunk size must not be negative");
  std::vector<Value> out;
  if (size == 0) {
    out.push_back(Value::List(std::move(items)));
    return Value::List(std::move(out));
  }
  for (size_t i = 0; i < items.size(); i += static_cast<size_t>(size)) {
    const size_t end = std::min(items.size(), i + static_cast<size_t>(size));
    out.push_back(Value::List(std::vector<Value>(items.begin() + static_cast<long>(i),
                                                 items.begin() + static_cast<long>(end))));
  }
  return Value::List(std::move(out));
}

Value SetOp(Call& c, int mode) {  // 0 union, 1 intersection, 2 subtract
  std::vector<std::vector<Value>> sets;
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Value* l = nullptr;
    if (!c.List(i, &l)) return Value::Unknown();
    sets.push_back(l->items());
  }
  std::vector<Value> all;
  for (const auto& s : sets) all.insert(all.end(), s.begin(), s.end());
  bool open = false;
  if (!UnifyElements(&all, &open)) return c.Fail("the sets must have elements of one type");
  size_t k = 0;
  for (auto& s : sets) {
    for (Value& x : s) x = all[k++];
  }
  std::set<Value> acc(sets[0].begin(), sets[0].end());
  for (size_t i = 1; i < sets.size(); ++i) {
    const std::set<Value> other(sets[i].begin(), sets[i].end());
    if (mode == 0) {
      acc.insert(other.begin(), other.end());
    } else {
      std::set<Value> next;
      for (const Value& x : acc) {
        if ((other.count(x) != 0) == (mode == 1)) next.insert(x);
      }
      acc = std::move(next);
    }
  }
  return MakeSet(std::vector<Value>(acc.begin(), acc.end()));
}

Value SetUnion(Call& c) { return SetOp(c, 0); }
Value SetIntersection(Call& c) { return SetOp(c, 1); }
Value SetSubtract(Call& c) { return SetOp(c, 2); }

Value SetProduct(Call& c) {
  size_t n = 1;
  bool all_sets = true;
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Value* l = nullptr;
    if (!c.List(i, &l)) return Value::Unknown();
    all_sets = all_sets && l->is_set();
    n *= l->items().size();
    if (TooMany(c, n * (c.args.size() + 1))) return Value::Unknown();
  }
  std::vector<Value> out;
  out.reserve(n);
  std::vector<size_t> at(c.args.size(), 0);
  for (size_t k = 0; k < n; ++k) {
    std::vector<Value> one;
    for (size_t i = 0; i < c.args.size(); ++i) one.push_back(c.args[i].items()[at[i]]);
    out.push_back(Value::List(std::move(one)));
    for (size_t i = c.args.size(); i-- > 0;) {  // the last argument varies fastest
      if (++at[i] < c.args[i].items().size()) break;
      at[i] = 0;
    }
  }
  return all_sets ? MakeSet(std::move(out)) : Value::List(std::move(out));
}

Value Transpose(Call& c) {
  const Value* m = nullptr;
  if (!c.Map(0, &m)) return Value::Unknown();
  std::map<std::string, std::vector<Value>> out;
  for (const auto& [k, v] : m->members()) {
    std::vector<std::string> names;
    Call one = c;
    one.args = {v};
    if (!one.Strings(0, &names)) return Value::Unknown();
    for (std::string& name : names) out[name].push_back(Value::String(k));
  }
  std::map<std::string, Value> result;
  for (auto& [k, vs] : out) result[k] = Value::List(std::move(vs));
  return Value::Map(std::move(result));
}

Value AllAny(Call& c, bool all) {
  const Value* l = nullptr;
  if (!c.List(0, &l)) return Value::Unknown();
  for (const Value& x : l->items()) {
    bool b = false;
    if (x.IsNull()) {
      if (all) return Value::Bool(false);
      continue;
    }
    if (!ToBool(x, &b)) return c.Fail(0, "the list must hold bools, not " + WithArticle(x));
    if (b != all) return Value::Bool(!all);
  }
  return Value::Bool(all);
}

Value AllTrue(Call& c) { return AllAny(c, true); }
Value AnyTrue(Call& c) { return AllAny(c, false); }

// Converts a list to a list or set of one element type.
Value ToListOrSet(Call& c, bool set) {
  const Value& v = c.args[0];
  if (v.IsNull()) return v;
  if (!v.IsList()) return c.Fail(0, "cannot convert " + WithArticle(v) + " to a list or set");
  std::vector<Value> items = v.items();
  bool open = false;
  if (!UnifyElements(&items, &open)) return c.Fail(0, "all elements must have the same type");
  if (open) return UnknownFromAll(c.args);
  if (set) {
    for (const Value& x : items) {
      if (!x.WhollyKnown()) return UnknownFromAll(c.args);
    }
    return MakeSet(std::move(items));
  }
  return Value::List(std::move(items));
}

Value ToList(Call& c) { return ToListOrSet(c, false); }
Value ToSet(Call& c) { return ToListOrSet(c, true); }

Value ToMap(Call& c) {
  const Value& v = c.args[0];
  if (v.IsNull()) return v;
  if (!v.IsMap()) return c.Fail(0, "cannot convert " + WithArticle(v) + " to a map");
  Value open_map;
  if (OpenMap(v, &open_map)) return open_map;
  std::vector<Value> items;
  for (const auto& [k, x] : v.members()) items.push_back(x);
  bool open = false;
  if (!UnifyElements(&items, &open)) return c.Fail(0, "all values must have the same type");
  if (open) return UnknownFromAll(c.args);
  std::map<std::string, Value> out;
  size_t i = 0;
  for (const auto& [k, x] : v.members()) out[k] = items[i++];
  return Value::Map(std::move(out));
}

Value Index(Call& c) {
  const Value* l = nullptr;
  if (!c.List(0, &l)) return Value::Unknown();
  const std::vector<Value>& items = l->items();
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i] == c.args[1]) return Value::Number(static_cast<double>(i));
  }
  return c.Fail(1, "the value is not in the list");
}

Value Sum(Call& c) {
  const Value* l = nullptr;
  if (!c.List(0, &l)) return Value::Unknown();
  if (l->items().empty()) return c.Fail(0, "cannot sum an empty list");
  double total = 0;
  for (const Value& x : l->items()) {
    double d = 0;
    if (x.IsNull() || !ToNumber(x, &d)) return c.Fail(0, "the list must hold numbers");
    total += d;
  }
  if (std::fabs(total) >= 9007199254740992.0) return c.NotEvaluated("a number this large");
  return Value::Number(total);
}

constexpr double kExact = 9007199254740992.0;  // 2^53

Value MinMax(Call& c, bool max) {
  double best = 0;
  size_t at = 0;
  for (size_t i = 0; i < c.args.size(); ++i) {
    double d = 0;
    if (!c.Num(i, &d)) return Value::Unknown();
    if (std::fabs(d) >= kExact) return c.NotEvaluated("a number this large");
    if (i == 0 || (max ? d > best : d < best)) best = d, at = i;
  }
  Value n;
  ToNumberValue(c.args[at], &n);
  return n;
}

Value Max(Call& c) { return MinMax(c, true); }
Value Min(Call& c) { return MinMax(c, false); }

Value NumberFn(Call& c, double (*f)(double)) {
  double d = 0;
  if (!c.Num(0, &d)) return Value::Unknown();
  if (std::fabs(d) >= kExact) return c.NotEvaluated("a number this large");
  return Value::Number(f(d));
}

double Signum(double d) { return d > 0 ? 1 : d < 0 ? -1 : 0; }
Value Abs(Call& c) {
  return NumberFn(c, [](double d) { return std::fabs(d); });
}
Value Ceil(Call& c) {
  return NumberFn(c, [](double d) { return std::ceil(d); });
}
Value Floor(Call& c) {
  return NumberFn(c, [](double d) { return std::floor(d); });
}
Value SignumFn(Call& c) { return NumberFn(c, Signum); }

}  // namespace

void AddCollectionFunctions(std::vector<Function>* out) {
  const Function fns[] = {
      {"concat", 0, -1, kPartial, Concat},
      {"merge", 0, -1, kPartial | kAllowNull, Merge},
      {"lookup", 2, 3, kPartial | kAllowNull, Lookup},
      {"element", 2, 2, kPartial, Element},
      {"length", 1, 1, kPartial, Length},
      {"keys", 1, 1, kPartial, Keys},
      {"values", 1, 1, kPartial, Values},
      {"flatten", 1, 1, 0, Flatten},
      {"distinct", 1, 1, 0, Distinct},
      {"compact", 1, 1, 0, Compact},
      {"contains", 2, 2, kAllowNull, Contains},
      {"coalesce", 1, -1, kAllowNull | kAllowUnknown, Coalesce},
      {"coalescelist", 1, -1, kAllowUnknown, CoalesceList},
      {"zipmap", 2, 2, kPartial, ZipMap},
      {"range", 1, 3, 0, Range},
      {"one", 1, 1, kPartial, One},
      {"reverse", 1, 1, kPartial, Reverse},
      {"sort", 1, 1, 0, Sort},
      {"slice", 3, 3, kPartial, Slice},
      {"chunklist", 2, 2, kPartial, ChunkList},
      {"setunion", 1, -1, 0, SetUnion},
      {"setintersection", 1, -1, 0, SetIntersection},
      {"setsubtract", 2, 2, 0, SetSubtract},
      {"setproduct", 1, -1, 0, SetProduct},
      {"transpose", 1, 1, 0, Transpose},
      {"alltrue", 1, 1, 0, AllTrue},
      {"anytrue", 1, 1, 0, AnyTrue},
      {"tolist", 1, 1, kPartial | kAllowNull, ToList},
      {"toset", 1, 1, kPartial | kAllowNull, ToSet},
      {"tomap", 1, 1, kPartial | kAllowNull, ToMap},
      {"index", 2, 2, 0, Index},
      {"sum", 1, 1, 0, Sum},
      {"max", 1, -1, 0, Max},
      {"min", 1, -1, 0, Min},
      {"abs", 1, 1, 0, Abs},
      {"ceil", 1, 1, 0, Ceil},
      {"floor", 1, 1, 0, Floor},
      {"signum", 1, 1, 0, SignumFn},
  };
  out->insert(out->end(), std::begin(fns), std::end(fns));
}

}  // namespace iamlint::tf
