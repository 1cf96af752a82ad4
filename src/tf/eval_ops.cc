// Operators and the conversions Terraform applies to their operands.
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>

#include "tf/machine.h"

namespace iamlint::tf {

Value UnknownFrom(std::initializer_list<const Value*> from) {
  std::vector<Origin> origins;
  bool sensitive = false;
  for (const Value* v : from) {
    std::vector<Origin> o = v->AllOrigins();
    origins.insert(origins.end(), o.begin(), o.end());
    sensitive = sensitive || v->AnySensitive();
  }
  Value u = Value::Unknown(std::move(origins));
  u.set_sensitive(sensitive);
  return u;
}

Value UnknownFromAll(const std::vector<Value>& from) {
  std::vector<Origin> origins;
  bool sensitive = false;
  for (const Value& v : from) {
    std::vector<Origin> o = v.AllOrigins();
    origins.insert(origins.end(), o.begin(), o.end());
    sensitive = sensitive || v.AnySensitive();
  }
  Value u = Value::Unknown(std::move(origins));
  u.set_sensitive(sensitive);
  return u;
}

Value Marked(Value v, bool sensitive) {
  if (sensitive) v.set_sensitive(true);
  return v;
}

namespace {

// Decimal number text as Terraform converts a string to a number.
bool IsNumberText(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

}  // namespace

bool ToNumberValue(const Value& v, Value* out) {
  if (v.kind() == Value::Kind::kNumber) {
    *out = v;
    return std::isfinite(v.AsDouble());
  }
  if (v.IsString() && IsNumberText(v.str())) {
    *out = Value::NumberText(v.str()[0] == '+' ? v.str().substr(1) : v.str());
    out->set_sensitive(v.sensitive());
    return std::isfinite(out->AsDouble());
  }
  return false;
}

bool ToNumber(const Value& v, double* out) {
  Value n;
  if (!ToNumberValue(v, &n)) return false;
  *out = n.AsDouble();
  return true;
}

bool ToBool(const Value& v, bool* out) {
  if (v.kind() == Value::Kind::kBool) {
    *out = v.AsBool();
    return true;
  }
  if (v.IsString() && (v.str() == "true" || v.str() == "false")) {
    *out = v.str() == "true";
    return true;
  }
  return false;
}

bool ToStringValue(const Value& v, std::string* out) {
  switch (v.kind()) {
    case Value::Kind::kString:
    case Value::Kind::kNumber:
      *out = v.str();
      return true;
    case Value::Kind::kBool:
      *out = v.AsBool() ? "true" : "false";
      return true;
    default:
      return false;
  }
}

void AddOriginDeep(Value* v, const Origin& origin) {
  if (v->IsUnknown()) v->AddOrigins({origin});
  for (Value& x : v->mutable_items()) AddOriginDeep(&x, origin);
  for (auto& [k, x] : v->mutable_members()) AddOriginDeep(&x, origin);
}

Value ReadFrom(const Value& from, const Value& member, const std::string& attr) {
  // A resource argument set to null is as good as omitted (Terraform's rule for null): the
  // provider may compute the attribute (`region` of data "aws_region"), so reading it back
  // gives an unknown value, as reading an argument never written does.
  if (!from.resource().empty() && member.IsNull()) {
    Value u = Value::Unknown({{from.resource(), attr}});
    if (from.sensitive() || member.sensitive()) u.set_sensitive(true);
    return u;
  }
  Value v = member;
  if (!from.resource().empty() && !v.WhollyKnown()) AddOriginDeep(&v, {from.resource(), attr});
  if (from.sensitive()) v.set_sensitive(true);
  return v;
}

std::string WithArticle(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kUnknown:
      return "an unknown value";
    default:
      return std::string("a ") + v.TypeName();
  }
}

Value Machine::EvalUnary(const hcl::Expr& e) {
  if (!e.lhs) return Value::Unknown();
  Value x = Eval(*e.lhs);
  if (!x.WhollyKnown()) return UnknownFrom({&x});
  if (e.op == hcl::Op::kNot) {
    bool b = false;
    if (x.IsNull() || !ToBool(x, &b)) {
      Error(e.range, "the operand of ! must be a bool, not " + WithArticle(x));
      return Value::Unknown();
    }
    return Marked(Value::Bool(!b), x.sensitive());
  }
  Value n;
  if (x.IsNull() || !ToNumberValue(x, &n)) {
    if (x.kind() == Value::Kind::kNumber) return UnknownFrom({&x});  // beyond a double
    Error(e.range, "the operand of - must be a number, not " + WithArticle(x));
    return Value::Unknown();
  }
  // The text negated, so that digits beyond a double's precision survive.
  const std::string& t = n.str();
  Value neg = t == "0" ? n : Value::NumberText(t[0] == '-' ? t.substr(1) : "-" + t);
  return Marked(std::move(neg), x.sensitive());
}

namespace {

bool IsLogical(hcl::Op op) { return op == hcl::Op::kAnd || op == hcl::Op::kOr; }

// The known bool of a logical operand, or false (then *ok tells an error from unknown).
bool LogicalOperand(Machine* m, const Value& v, const hcl::Range& at, bool* value, bool* bad) {
  if (v.IsUnknown()) return false;
  if (v.IsNull() || !ToBool(v, value)) {
    m->Error(at, "the operands of && and || must be bools, not " + WithArticle(v));
    *bad = true;
    return false;
  }
  return true;
}

constexpr double kExact = 9007199254740992.0;  // 2^53: doubles are exact integers below

Value Arithmetic(Machine* m, hcl::Op op, double a, double b, const hcl::Range& at) {
  double r = 0;
  switch (op) {
    case hcl::Op::kAdd:
      r = a + b;
      break;
    case hcl::Op::kSubtract:
      r = a - b;
      break;
    case hcl::Op::kMultiply:
      r = a * b;
      break;
    case hcl::Op::kDivide:
    case hcl::Op::kModulo:
      if (b == 0) {
        m->Note(at, "division by zero is not evaluated by iamlint: its value is unknown");
        return Value::Unknown();
      }
      r = op == hcl::Op::kDivide ? a / b : std::fmod(a, b);
      break;
    default:
      return Value::Unknown();
  }
  if (!std::isfinite(r) || std::fabs(r) >= kExact || std::fabs(a) >= kExact ||
      std::fabs(b) >= kExact) {
    m->Note(at, "a number this large is not computed exactly by iamlint: its value is unknown");
    return Value::Unknown();
  }
  return Value::Number(r);
}

Value Compare(Machine* m, hcl::Op op, double a, double b, const hcl::Range& at) {
  if (std::fabs(a) >= kExact || std::fabs(b) >= kExact) {
    m->Note(at, "numbers this large are not compared exactly by iamlint: the result is unknown");
    return Value::Unknown();
  }
  switch (op) {
    case hcl::Op::kLess:
      return Value::Bool(a < b);
    case hcl::Op::kLessEqual:
      return Value::Bool(a <= b);
    case hcl::Op::kGreater:
      return Value::Bool(a > b);
    case hcl::Op::kGreaterEqual:
      return Value::Bool(a >= b);
    default:
      return Value::Unknown();
  }
}

}  // namespace

Value Machine::EvalBinary(const hcl::Expr& e) {
  if (!e.lhs || !e.rhs) return Value::Unknown();
  const hcl::Op op = e.op;
  Value a = Eval(*e.lhs);
  if (IsLogical(op)) {
    const bool decides = op == hcl::Op::kOr;  // the operand value that decides alone
    bool av = false;
    bool bad = false;
    const bool a_known = LogicalOperand(this, a, e.lhs->range, &av, &bad);
    if (bad) return Value::Unknown();
    if (a_known && av == decides) return Marked(Value::Bool(decides), a.sensitive());
    Value b = Eval(*e.rhs);
    bool bv = false;
    const bool b_known = LogicalOperand(this, b, e.rhs->range, &bv, &bad);
    if (bad) return Value::Unknown();
    const bool sensitive = a.sensitive() || b.sensitive();
    if (b_known && bv == decides) return Marked(Value::Bool(decides), sensitive);
    if (!a_known || !b_known) return UnknownFrom({&a, &b});
    return Marked(Value::Bool(!decides), sensitive);
  }
  Value b = Eval(*e.rhs);
  const bool sensitive = a.AnySensitive() || b.AnySensitive();
  if (op == hcl::Op::kEqual || op == hcl::Op::kNotEqual) {
    // As Terraform compares: a known value that is null, or known not to be null, compares
    // with null for sure even when it holds unknown parts (`{for k, v in m : k => v if v !=
    // null}` over an object with an unknown leaf keeps it); otherwise any unknown part leaves
    // the result unknown.
    if (!a.IsUnknown() && !b.IsUnknown() && (a.IsNull() || b.IsNull())) {
      return Marked(Value::Bool((a.IsNull() == b.IsNull()) == (op == hcl::Op::kEqual)), sensitive);
    }
    if (!a.WhollyKnown() || !b.WhollyKnown()) return UnknownFrom({&a, &b});
    return Marked(Value::Bool((a == b) == (op == hcl::Op::kEqual)), sensitive);
  }
  if (a.IsUnknown() || b.IsUnknown()) return UnknownFrom({&a, &b});
  double x = 0;
  double y = 0;
  const bool xa = !a.IsNull() && ToNumber(a, &x);
  const bool yb = !b.IsNull() && ToNumber(b, &y);
  if (!xa || !yb) {
    const Value& bad = xa ? b : a;
    if (bad.kind() == Value::Kind::kNumber) return UnknownFrom({&a, &b});  // beyond a double
    Error((xa ? e.rhs : e.lhs)->range, std::string("the operands of ") + hcl::OpText(op) +
                                           " must be numbers, not " + WithArticle(bad));
    return Value::Unknown();
  }
  Value r = op == hcl::Op::kLess || op == hcl::Op::kLessEqual || op == hcl::Op::kGreater ||
                    op == hcl::Op::kGreaterEqual
                ? Compare(this, op, x, y, e.range)
                : Arithmetic(this, op, x, y, e.range);
  return Marked(std::move(r), sensitive);
}

}  // namespace iamlint::tf
