#include "tf/value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <utility>

#include "json/json.h"

namespace iamlint::tf {

bool Origin::operator<(const Origin& o) const {
  return std::tie(address, attr) < std::tie(o.address, o.attr);
}

bool Origin::operator==(const Origin& o) const { return address == o.address && attr == o.attr; }

namespace {

// True for an optional '-' followed by decimal digits only.
bool IsIntegerText(const std::string& t) {
  size_t i = t.empty() || t[0] != '-' ? 0 : 1;
  if (i >= t.size()) return false;
  for (; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

// The decimal digits and exponent of the shortest text that reads back as d (d finite,
// non-zero): d = 0.DIGITS * 10^point, sign aside.
void ShortestDigits(double d, std::string* digits, int* point) {
  char buf[64];
  for (int p = 1; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  const std::string s(buf);
  const size_t e = s.find('e');
  digits->clear();
  for (size_t i = 0; i < e; ++i) {
    if (s[i] >= '0' && s[i] <= '9') digits->push_back(s[i]);
  }
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
  *point = std::atoi(s.c_str() + e + 1) + 1;
}

// Terraform's text of a number: fixed notation, no exponent, no trailing zeros.
std::string FormatDouble(double d) {
  if (d == 0) return "0";
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
  std::string digits;
  int point = 0;
  ShortestDigits(d, &digits, &point);
  std::string out = d < 0 ? "-" : "";
  const int n = static_cast<int>(digits.size());
  if (point <= 0) {
    out += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= n) {
    out += digits + std::string(static_cast<size_t>(point - n), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point)) + "." +
           digits.substr(static_cast<size_t>(point));
  }
  return out;
}

int KindRank(Value::Kind k) { return static_cast<int>(k); }

void AppendHex4(unsigned c, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(c >> shift) & 0xF]);
}

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t Utf8Length(const std::string& s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  unsigned min = 0;
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned c = b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto x = static_cast<unsigned char>(s[i + k]);
    if ((x & 0xC0) != 0x80) return 0;
    c = (c << 6) | (x & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  return n;
}

// A JSON string as Go's encoding/json writes it (HTML-safe, U+2028/2029 escaped).
void QuoteJson(const std::string& s, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = Utf8Length(s, i);
      if (n == 0) {
        out->append("\\ufffd");
        ++i;
        continue;
      }
      if (n == 3 && c == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
          (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
           static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
        AppendHex4(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? 0x2028 : 0x2029, out);
      } else {
        out->append(s, i, n);
      }
      i += n;
      continue;
    }
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '<':
      case '>':
      case '&':
        AppendHex4(c, out);
        break;
      default:
        if (c < 0x20) {
          AppendHex4(c, out);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void DebugTo(const Value& v, std::string* out) {
  if (v.sensitive()) {
    out->append("(sensitive)");
    return;
  }
  switch (v.kind()) {
    case Value::Kind::kNull:
      out->append("null");
      return;
    case Value::Kind::kBool:
      out->append(v.AsBool() ? "true" : "false");
      return;
    case Value::Kind::kNumber:
      out->append(v.str());
      return;
    case Value::Kind::kString:
      QuoteJson(v.str(), out);
      return;
    case Value::Kind::kList: {
      out->push_back('[');
      bool first = true;
      for (const Value& x : v.items()) {
        if (!first) out->push_back(',');
        first = false;
        DebugTo(x, out);
      }
      out->push_back(']');
      return;
    }
    case Value::Kind::kMap: {
      out->push_back('{');
      bool first = true;
      for (const auto& [k, x] : v.members()) {
        if (!first) out->push_back(',');
        first = false;
        QuoteJson(k, out);
        out->push_back(':');
        DebugTo(x, out);
      }
      out->push_back('}');
      return;
    }
    case Value::Kind::kUnknown:
      out->append("(unknown");
      for (const Origin& o : v.origins()) {
        out->push_back(' ');
        out->append(o.address);
        if (!o.attr.empty()) out->append("." + o.attr);
      }
      out->push_back(')');
      return;
  }
}

bool JsonTo(const Value& v, std::string* out) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      out->append("null");
      return true;
    case Value::Kind::kBool:
      out->append(v.AsBool() ? "true" : "false");
      return true;
    case Value::Kind::kNumber:
      out->append(v.str());
      return true;
    case Value::Kind::kString:
      QuoteJson(v.str(), out);
      return true;
    case Value::Kind::kList: {
      out->push_back('[');
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out->push_back(',');
        if (!JsonTo(v.items()[i], out)) return false;
      }
      out->push_back(']');
      return true;
    }
    case Value::Kind::kMap: {
      if (!v.resource().empty()) return false;  // more attributes than those known
      out->push_back('{');
      bool first = true;
      for (const auto& [k, x] : v.members()) {
        if (!first) out->push_back(',');
        first = false;
        QuoteJson(k, out);
        out->push_back(':');
        if (!JsonTo(x, out)) return false;
      }
      out->push_back('}');
      return true;
    }
    case Value::Kind::kUnknown:
      return false;
  }
  return false;
}

void SortOrigins(std::vector<Origin>* o) {
  std::sort(o->begin(), o->end());
  o->erase(std::unique(o->begin(), o->end()), o->end());
}

void CollectOrigins(const Value& v, std::vector<Origin>* out) {
  if (v.IsUnknown()) out->insert(out->end(), v.origins().begin(), v.origins().end());
  if (!v.resource().empty()) out->push_back({v.resource(), ""});
  for (const Value& x : v.items()) CollectOrigins(x, out);
  for (const auto& [k, x] : v.members()) CollectOrigins(x, out);
}

Value FromJsonValue(const json::Value& j) {
  switch (j.type()) {
    case json::Type::kNull:
      return Value::Null();
    case json::Type::kBool:
      return Value::Bool(j.AsBool());
    case json::Type::kNumber:
      return Value::NumberText(j.str());
    case json::Type::kString:
      return Value::String(j.str());
    case json::Type::kArray: {
      std::vector<Value> items;
      items.reserve(j.items().size());
      for (const json::Value& x : j.items()) items.push_back(FromJsonValue(x));
      return Value::List(std::move(items));
    }
    case json::Type::kObject: {
      std::map<std::string, Value> members;
      for (const json::Member& m : j.members()) members[m.key] = FromJsonValue(*m.value);
      return Value::Map(std::move(members));
    }
  }
  return Value::Null();
}

}  // namespace

Value Value::Null() { return Value(); }

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.bool_ = b;
  return v;
}

Value Value::Number(double d) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = d == 0 ? 0.0 : d;
  v.str_ = FormatDouble(v.number_);
  return v;
}

Value Value::NumberText(std::string text) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.number_ = std::strtod(text.c_str(), nullptr);
  if (IsIntegerText(text)) {
    // Digits as written (exact beyond a double's 53 bits), without leading zeros.
    const size_t sign = text[0] == '-' ? 1 : 0;
    size_t first = sign;
    while (first + 1 < text.size() && text[first] == '0') ++first;
    std::string digits = text.substr(first);
    v.str_ = digits == "0" ? digits : (sign != 0 ? "-" : "") + digits;
    if (v.number_ == 0) v.number_ = 0.0;
  } else if (std::isfinite(v.number_)) {
    v.str_ = FormatDouble(v.number_ == 0 ? 0.0 : v.number_);
  } else {
    v.str_ = std::move(text);  // beyond a double (`1e400`): the literal as written
  }
  return v;
}

Value Value::String(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  v.str_ = std::move(s);
  return v;
}

Value Value::List(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::kList;
  v.items_ = std::move(items);
  return v;
}

Value Value::Set(std::vector<Value> items) {
  auto unknown_from = std::stable_partition(items.begin(), items.end(),
                                            [](const Value& x) { return x.WhollyKnown(); });
  std::sort(items.begin(), unknown_from);
  auto end = std::unique(items.begin(), unknown_from);
  items.erase(end, unknown_from);
  Value v = List(std::move(items));
  v.set_ = true;
  return v;
}

Value Value::Map(std::map<std::string, Value> members) {
  Value v;
  v.kind_ = Kind::kMap;
  v.members_ = std::move(members);
  return v;
}

Value Value::Unknown(std::vector<Origin> origins) {
  Value v;
  v.kind_ = Kind::kUnknown;
  SortOrigins(&origins);
  v.origins_ = std::move(origins);
  return v;
}

bool Value::WhollyKnown() const {
  if (kind_ == Kind::kUnknown || !resource_.empty()) return false;
  for (const Value& x : items_) {
    if (!x.WhollyKnown()) return false;
  }
  for (const auto& [k, x] : members_) {
    if (!x.WhollyKnown()) return false;
  }
  return true;
}

bool Value::AnySensitive() const {
  if (sensitive_) return true;
  for (const Value& x : items_) {
    if (x.AnySensitive()) return true;
  }
  for (const auto& [k, x] : members_) {
    if (x.AnySensitive()) return true;
  }
  return false;
}

const Value* Value::Find(const std::string& key) const {
  if (kind_ != Kind::kMap) return nullptr;
  auto it = members_.find(key);
  return it == members_.end() ? nullptr : &it->second;
}

void Value::AddOrigins(const std::vector<Origin>& more) {
  if (more.empty()) return;
  origins_.insert(origins_.end(), more.begin(), more.end());
  SortOrigins(&origins_);
}

std::vector<Origin> Value::AllOrigins() const {
  std::vector<Origin> out;
  CollectOrigins(*this, &out);
  SortOrigins(&out);
  return out;
}

bool Value::operator==(const Value& o) const {
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::kNull:
      return true;
    case Kind::kBool:
      return bool_ == o.bool_;
    case Kind::kNumber:
    case Kind::kString:
      return str_ == o.str_;
    case Kind::kList:
      return items_ == o.items_;
    case Kind::kMap:
      return members_ == o.members_;
    case Kind::kUnknown:
      return false;
  }
  return false;
}

bool Value::operator<(const Value& o) const {
  if (kind_ != o.kind_) return KindRank(kind_) < KindRank(o.kind_);
  switch (kind_) {
    case Kind::kNull:
    case Kind::kUnknown:
      return false;
    case Kind::kBool:
      return !bool_ && o.bool_;
    case Kind::kNumber:
      if (number_ != o.number_) return number_ < o.number_;
      return str_ < o.str_;
    case Kind::kString:
      return str_ < o.str_;
    case Kind::kList:
      return std::lexicographical_compare(items_.begin(), items_.end(), o.items_.begin(),
                                          o.items_.end());
    case Kind::kMap:
      return std::lexicographical_compare(members_.begin(), members_.end(), o.members_.begin(),
                                          o.members_.end(), [](const auto& a, const auto& b) {
                                            if (a.first != b.first) return a.first < b.first;
                                            return a.second < b.second;
                                          });
  }
  return false;
}

const char* Value::TypeName() const {
  switch (kind_) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "bool";
    case Kind::kNumber:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kList:
      return "list";
    case Kind::kMap:
      return "map";
    case Kind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::string Value::Debug() const {
  std::string out;
  DebugTo(*this, &out);
  return out;
}

size_t Value::NodeCount() const {
  size_t n = 1 + str_.size() / 64;
  for (const Value& x : items_) n += x.NodeCount();
  for (const auto& [k, x] : members_) n += 1 + k.size() / 64 + x.NodeCount();
  return n;
}

bool ToJson(const Value& v, std::string* out) {
  std::string text;
  if (!JsonTo(v, &text)) return false;
  *out = std::move(text);
  return true;
}

void AppendJsonString(const std::string& s, std::string* out) { QuoteJson(s, out); }

bool FromJson(const std::string& text, Value* out, std::string* error) {
  json::Document doc;
  json::ParseError err;
  json::ParseOptions options;
  options.max_depth = 256;
  if (!json::Parse(text, &doc, &err, options)) {
    *error = "line " + std::to_string(err.line) + ", column " + std::to_string(err.column) + ": " +
             err.message;
    return false;
  }
  *out = FromJsonValue(doc.root());
  return true;
}

}  // namespace iamlint::tf
