// String functions: format, formatlist, join, split, replace, regex...
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tf/functions.h"

namespace iamlint::tf {

namespace {

// False (with a limit error) when a string of `size` bytes would be too long.
bool Room(Call& c, size_t size) {
  if (size <= c.m->MaxStringBytes()) return true;
  c.m->StringTooLong(c.expr->range);
  return false;
}

size_t RuneCount(const std::string& s) {
  size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool IsAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return (ch & 0x80) == 0; });
}

// One %-verb of a format specification.
struct Verb {
  bool minus = false, plus = false, space = false, zero = false, sharp = false;
  int64_t width = -1;
  int64_t precision = -1;
  char verb = 0;
};

void Pad(const Verb& v, std::string body, std::string* out, bool numeric) {
  const auto len = static_cast<int64_t>(RuneCount(body));
  if (v.width <= len) {
    *out += body;
    return;
  }
  const auto fill = static_cast<size_t>(v.width - len);
  if (v.minus) {
    *out += body + std::string(fill, ' ');
  } else if (v.zero && numeric) {
    size_t sign = !body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ') ? 1 : 0;
    *out += body.substr(0, sign) + std::string(fill, '0') + body.substr(sign);
  } else {
    *out += std::string(fill, ' ') + body;
  }
}

std::string IntegerIn(double d, int base, bool upper) {
  static const char kLower[] = "0123456789abcdef";
  static const char kUpper[] = "0123456789ABCDEF";
  const char* const set = upper ? kUpper : kLower;  // (indexed through a pointer, not a ?:)
  auto u = static_cast<uint64_t>(std::fabs(d));
  std::string digits;
  do {
    digits.push_back(set[u % static_cast<uint64_t>(base)]);
    u /= static_cast<uint64_t>(base);
  } while (u != 0);
  if (d < 0) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// A string JSON-quoted, when the quoting is certain (see FormatOne); false otherwise.
bool SimpleQuote(const std::string& s, std::string* out) {
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u >= 0x7F || ch == '<' || ch == '>' || ch == '&') return false;
  }
  AppendJsonString(s, out);
  return true;
}

// Formats one argument; false with `*why` ("" for an error already reported).
bool FormatNumber(Call& c, const Verb& v, const Value& arg, size_t i, std::string* out) {
  double d = 0;
  if (!c.Num(i, &d)) return false;
  std::string body;
  if (v.verb == 'd' || v.verb == 'b' || v.verb == 'o' || v.verb == 'x' || v.verb == 'X') {
    if (d != std::floor(d)) {
      c.Fail(i,
             "%" + std::string(1, v.verb) + " needs a whole number, not " + Value::Number(d).str());
      return false;
    }
    if (v.verb != 'd' && !(std::fabs(d) < 9007199254740992.0)) {  // (NaN too)
      c.m->Note(c.expr->range, "format: a number this large is not evaluated by iamlint");
      return false;
    }
    if (v.verb == 'd') {
      Value n;
      ToNumberValue(arg, &n);
      body = n.str();
    } else {
      body = IntegerIn(d, v.verb == 'b' ? 2 : v.verb == 'o' ? 8 : 16, v.verb == 'X');
    }
    if (d >= 0 && v.plus) body = "+" + body;
    if (d >= 0 && !v.plus && v.space) body = " " + body;
  } else {
    if (v.precision > 100) {
      c.m->Note(c.expr->range, "format: a precision this large is not evaluated by iamlint");
      return false;
    }
    char spec[32];
    std::snprintf(spec, sizeof spec, "%%%s%s.%d%c", v.plus ? "+" : "", v.space ? " " : "",
                  static_cast<int>(v.precision < 0 ? 6 : v.precision), v.verb);
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf, spec, d);
    if (n < 0 || n >= static_cast<int>(sizeof buf)) {
      c.m->Note(c.expr->range, "format: a number this long is not evaluated by iamlint");
      return false;
    }
    body = buf;
  }
  Pad(v, std::move(body), out, true);
  return true;
}

bool FormatOne(Call& c, const Verb& v, size_t i, std::string* out, bool* unsure) {
  const Value& arg = c.args[i];
  std::string s;
  switch (v.verb) {
    case 'v':
      if (v.sharp || arg.IsList() || arg.IsMap() || arg.IsNull()) {
        ToJson(arg, &s);
      } else {
        ToStringValue(arg, &s);
      }
      Pad(v, s, out, false);
      return true;
    case 't': {
      bool b = false;
      if (!c.Bool(i, &b)) return false;
      Pad(v, b ? "true" : "false", out, false);
      return true;
    }
    case 's':
    case 'q':
      if (arg.IsNull() || !ToStringValue(arg, &s)) {
        c.Fail(i, "%" + std::string(1, v.verb) + " needs a string, not " + WithArticle(arg));
        return false;
      }
      if (v.precision >= 0) {
        std::vector<uint32_t> cps;
        DecodeUtf8(s, &cps);
        if (static_cast<int64_t>(cps.size()) > v.precision) {
          std::string cut;
          for (int64_t k = 0; k < v.precision; ++k) AppendUtf8(cps[static_cast<size_t>(k)], &cut);
          s = cut;
        }
      }
      if (v.verb == 'q') {
        std::string q;
        if (!SimpleQuote(s, &q)) {
          *unsure = true;
          return false;
        }
        s = q;
      }
      Pad(v, s, out, false);
      return true;
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      if (arg.IsNull()) {
        c.Fail(i, "%" + std::string(1, v.verb) + " needs a number, not null");
        return false;
      }
      return FormatNumber(c, v, arg, i, out);
    default:
      c.Fail(0, "unsupported format verb %" + std::string(1, v.verb));
      return false;
  }
}

// Reads digits at spec[*p]; -1 when there are none.
int64_t Digits(const std::string& spec, size_t* p) {
  int64_t n = -1;
  while (*p < spec.size() && spec[*p] >= '0' && spec[*p] <= '9') {
    n = (n < 0 ? 0 : n) * 10 + (spec[*p] - '0');
    if (n > 100000000) n = 100000000;
    ++*p;
  }
  return n;
}

// Parses the verb after a '%' at spec[*p]; false with an error.
bool ParseVerb(Call& c, const std::string& spec, size_t* p, Verb* v, int64_t* index) {
  for (; *p < spec.size(); ++*p) {
    const char f = spec[*p];
    if (f == '-') {
      v->minus = true;
    } else if (f == '+') {
      v->plus = true;
    } else if (f == ' ') {
      v->space = true;
    } else if (f == '0') {
      v->zero = true;
    } else if (f == '#') {
      v->sharp = true;
    } else {
      break;
    }
  }
  v->width = Digits(spec, p);
  if (*p < spec.size() && spec[*p] == '.') {
    ++*p;
    v->precision = std::max<int64_t>(0, Digits(spec, p));
  }
  if (*p < spec.size() && spec[*p] == '[') {
    ++*p;
    *index = Digits(spec, p);
    if (*p >= spec.size() || spec[*p] != ']' || *index < 1) {
      c.Fail(0, "a format argument index must be written [N], N from 1");
      return false;
    }
    ++*p;
  }
  if (*p >= spec.size()) {
    c.Fail(0, "the format specification ends inside a verb");
    return false;
  }
  v->verb = spec[*p];
  ++*p;
  return true;
}

// format(spec, args[first...]) into *out; false when it fails (error, note or limit given).
bool FormatInto(Call& c, const std::string& spec, size_t first, std::string* out) {
  size_t next = first;
  size_t used = first;
  for (size_t p = 0; p < spec.size();) {
    if (spec[p] != '%') {
      out->push_back(spec[p++]);
      continue;
    }
    ++p;
    if (p < spec.size() && spec[p] == '%') {
      out->push_back('%');
      ++p;
      continue;
    }
    Verb v;
    int64_t index = -1;
    if (!ParseVerb(c, spec, &p, &v, &index)) return false;
    if (index > 0) next = first + static_cast<size_t>(index - 1);
    if (next >= c.args.size()) {
      c.Fail(0, "not enough arguments for the format specification");
      return false;
    }
    if (v.width > static_cast<int64_t>(c.m->MaxStringBytes())) {
      c.m->StringTooLong(c.expr->range);
      return false;
    }
    if (!Room(c, out->size())) return false;
    bool unsure = false;
    if (!FormatOne(c, v, next, out, &unsure)) {
      if (unsure)
        c.m->Note(c.expr->range, c.name + ": %q of this text is not evaluated by iamlint");
      return false;
    }
    used = std::max(used, ++next);
  }
  if (used < c.args.size()) {
    c.Fail(0, "too many arguments: the format specification uses only " +
                  std::to_string(used - first));
    return false;
  }
  return Room(c, out->size());
}

Value Format(Call& c) {
  std::string spec;
  if (c.args[0].IsNull() || !c.Str(0, &spec)) return c.Fail(0, "the format must be a string");
  std::string out;
  if (!FormatInto(c, spec, 1, &out)) return Value::Unknown();
  return Value::String(std::move(out));
}

Value FormatList(Call& c) {
  std::string spec;
  if (c.args[0].IsNull() || !c.Str(0, &spec)) return c.Fail(0, "the format must be a string");
  int64_t n = -1;
  for (size_t i = 1; i < c.args.size(); ++i) {
    if (!c.args[i].IsList()) continue;
    const auto len = static_cast<int64_t>(c.args[i].items().size());
    if (n >= 0 && len != n) return c.Fail(i, "all list arguments must have the same length");
    n = len;
  }
  if (n < 0) n = 1;
  if (static_cast<size_t>(n) > c.m->limits().max_nodes) {
    c.m->LimitError(c.expr->range, "this value would have more than " +
                                       std::to_string(c.m->limits().max_nodes) + " elements");
    return Value::Unknown();
  }
  std::vector<Value> out;
  size_t total = 0;
  Call one = c;
  for (int64_t k = 0; k < n; ++k) {
    for (size_t i = 1; i < c.args.size(); ++i) {
      if (c.args[i].IsList()) one.args[i] = c.args[i].items()[static_cast<size_t>(k)];
    }
    std::string s;
    if (!FormatInto(one, spec, 1, &s)) return Value::Unknown();
    total += s.size();
    if (!Room(c, total)) return Value::Unknown();
    out.push_back(Value::String(std::move(s)));
  }
  return Value::List(std::move(out));
}

Value Join(Call& c) {
  std::string sep;
  if (!c.Str(0, &sep)) return Value::Unknown();
  std::string out;
  bool first = true;
  for (size_t i = 1; i < c.args.size(); ++i) {
    std::vector<std::string> items;
    if (!c.Strings(i, &items)) return Value::Unknown();
    for (const std::string& s : items) {
      if (!first) out += sep;
      first = false;
      out += s;
      if (!Room(c, out.size())) return Value::Unknown();
    }
  }
  return Value::String(std::move(out));
}

Value Split(Call& c) {
  std::string sep;
  std::string s;
  if (!c.Str(0, &sep) || !c.Str(1, &s)) return Value::Unknown();
  std::vector<Value> out;
  if (sep.empty()) {
    std::vector<uint32_t> cps;
    if (!DecodeUtf8(s, &cps)) return c.NotEvaluated("invalid UTF-8");
    if (cps.size() > c.m->limits().max_nodes) {
      c.m->LimitError(c.expr->range, "this value would have more than " +
                                         std::to_string(c.m->limits().max_nodes) + " elements");
      return Value::Unknown();
    }
    for (uint32_t cp : cps) {
      std::string one;
      AppendUtf8(cp, &one);
      out.push_back(Value::String(std::move(one)));
    }
    return Value::List(std::move(out));
  }
  size_t count = 1;
  for (size_t p = s.find(sep); p != std::string::npos; p = s.find(sep, p + sep.size())) ++count;
  if (count > c.m->limits().max_nodes) {
    c.m->LimitError(c.expr->range, "this value would have more than " +
                                       std::to_string(c.m->limits().max_nodes) + " elements");
    return Value::Unknown();
  }
  size_t from = 0;
  for (size_t p = s.find(sep); p != std::string::npos; p = s.find(sep, from)) {
    out.push_back(Value::String(s.substr(from, p - from)));
    from = p + sep.size();
  }
  out.push_back(Value::String(s.substr(from)));
  return Value::List(std::move(out));
}

// A compiled RE2 pattern, or nullptr with a note (RE2 rejects some patterns Go accepts too).
std::unique_ptr<RE2> Compile(Call& c, const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(int64_t{32} << 20);
  auto re = std::make_unique<RE2>(pattern, options);
  // Go's regexp rejects a group name used twice; this RE2 may not.
  if (re->ok() && re->NamedCapturingGroups().size() != re->CapturingGroupNames().size()) {
    c.m->Note(c.At(0), c.name +
                           ": a pattern that names two groups alike is not evaluated by "
                           "iamlint: its value is unknown");
    return nullptr;
  }
  if (!re->ok()) {
    c.m->Note(c.At(0), c.name + ": the pattern is not evaluated by iamlint (" + re->error() +
                           "): its value is unknown");
    return nullptr;
  }
  return re;
}

size_t RuneWidth(const std::string& s, size_t at) {
  if (at >= s.size()) return 1;
  const auto b = static_cast<unsigned char>(s[at]);
  size_t w = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
  return std::min(w, s.size() - at);
}

// Go's regexp template expansion: $1, ${1}, $name, ${name}, $$.
void Expand(const std::string& repl, const std::vector<re2::StringPiece>& groups, const RE2& re,
            std::string* out) {
  const auto& names = re.NamedCapturingGroups();
  auto is_name = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
  };
  for (size_t i = 0; i < repl.size(); ++i) {
    if (repl[i] != '$' || i + 1 >= repl.size()) {
      out->push_back(repl[i]);
      continue;
    }
    if (repl[i + 1] == '$') {
      out->push_back('$');
      ++i;
      continue;
    }
    std::string name;
    size_t j = i + 1;
    if (repl[j] == '{') {
      size_t close = repl.find('}', j);
      if (close == std::string::npos) {
        out->push_back('$');
        continue;
      }
      name = repl.substr(j + 1, close - j - 1);
      j = close + 1;
    } else {
      while (j < repl.size() && is_name(repl[j])) name.push_back(repl[j++]);
    }
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_name)) {
      out->push_back('$');
      continue;
    }
    i = j - 1;
    int index = -1;
    if (std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      index = name.size() < 6 ? std::stoi(name) : -1;
    } else if (auto it = names.find(name); it != names.end()) {
      index = it->second;
    }
    if (index >= 0 && static_cast<size_t>(index) < groups.size() && groups[index].data()) {
      out->append(groups[index].data(), groups[index].size());
    }
  }
}

Value RegexReplace(Call& c, const std::string& s, const std::string& pattern,
                   const std::string& repl) {
  std::unique_ptr<RE2> re = Compile(c, pattern);
  if (!re) return UnknownFromAll(c.args);
  const int ngroups = re->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups));
  std::string out;
  size_t last_end = 0;
  size_t pos = 0;
  while (pos <= s.size()) {
    if (!re->Match(s, pos, s.size(), RE2::UNANCHORED, groups.data(), ngroups)) break;
    const auto begin = static_cast<size_t>(groups[0].data() - s.data());
    const size_t end = begin + groups[0].size();
    out.append(s, last_end, begin - last_end);
    if (end > last_end || begin == 0) Expand(repl, groups, *re, &out);
    if (!Room(c, out.size())) return Value::Unknown();
    last_end = end;
    const size_t width = RuneWidth(s, pos);
    pos = pos + width > end ? pos + width : end;
  }
  if (last_end < s.size()) out.append(s, last_end, std::string::npos);
  if (!Room(c, out.size())) return Value::Unknown();
  return Value::String(std::move(out));
}

Value Replace(Call& c) {
  std::string s;
  std::string from;
  std::string to;
  if (!c.Str(0, &s) || !c.Str(1, &from) || !c.Str(2, &to)) return Value::Unknown();
  if (from.size() >= 2 && from.front() == '/' && from.back() == '/') {
    return RegexReplace(c, s, from.substr(1, from.size() - 2), to);
  }
  std::string out;
  if (from.empty()) {
    // Go's strings.Replace: the replacement before every character and at the end.
    std::vector<uint32_t> cps;
    if (!DecodeUtf8(s, &cps)) return c.NotEvaluated("invalid UTF-8");
    if (!Room(c, s.size() + (cps.size() + 1) * to.size())) return Value::Unknown();
    for (uint32_t cp : cps) {
      out += to;
      AppendUtf8(cp, &out);
    }
    out += to;
    return Value::String(std::move(out));
  }
  size_t from_pos = 0;
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, from_pos)) {
    out.append(s, from_pos, p - from_pos);
    out += to;
    from_pos = p + from.size();
    if (!Room(c, out.size())) return Value::Unknown();
  }
  out.append(s, from_pos, std::string::npos);
  return Value::String(std::move(out));
}

Value CaseMap(Call& c, int mode) {  // 0 lower, 1 upper, 2 title
  std::string s;
  if (!c.Str(0, &s)) return Value::Unknown();
  if (!IsAscii(s)) return c.NotEvaluated("its text is not ASCII");
  bool after_separator = true;
  for (char& ch : s) {
    const bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                       (ch >= '0' && ch <= '9') || ch == '_';
    if (mode == 0 && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if ((mode == 1 || (mode == 2 && after_separator)) && ch >= 'a' && ch <= 'z') {
      ch = static_cast<char>(ch - 'a' + 'A');
    }
    after_separator = !alnum;
  }
  return Value::String(std::move(s));
}

Value Lower(Call& c) { return CaseMap(c, 0); }
Value Upper(Call& c) { return CaseMap(c, 1); }
Value Title(Call& c) { return CaseMap(c, 2); }

bool IsSpace(uint32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// Trims code points from both ends while `drop` holds.
template <typename F>
Value TrimBy(Call& c, const std::string& s, F drop) {
  std::vector<uint32_t> cps;
  if (!DecodeUtf8(s, &cps)) return c.NotEvaluated("invalid UTF-8");
  size_t b = 0;
  size_t e = cps.size();
  while (b < e && drop(cps[b])) ++b;
  while (e > b && drop(cps[e - 1])) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) AppendUtf8(cps[i], &out);
  return Value::String(std::move(out));
}

Value TrimSpace(Call& c) {
  std::string s;
  if (!c.Str(0, &s)) return Value::Unknown();
  return TrimBy(c, s, IsSpace);
}

Value Trim(Call& c) {
  std::string s;
  std::string cut;
  if (!c.Str(0, &s) || !c.Str(1, &cut)) return Value::Unknown();
  std::vector<uint32_t> set;
  if (!DecodeUtf8(cut, &set)) return c.NotEvaluated("invalid UTF-8");
  return TrimBy(c, s,
                [&](uint32_t cp) { return std::find(set.begin(), set.end(), cp) != set.end(); });
}

Value TrimPrefix(Call& c) {
  std::string s;
  std::string p;
  if (!c.Str(0, &s) || !c.Str(1, &p)) return Value::Unknown();
  if (s.compare(0, p.size(), p) == 0) s.erase(0, p.size());
  return Value::String(std::move(s));
}

Value TrimSuffix(Call& c) {
  std::string s;
  std::string p;
  if (!c.Str(0, &s) || !c.Str(1, &p)) return Value::Unknown();
  if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0) {
    s.erase(s.size() - p.size());
  }
  return Value::String(std::move(s));
}

Value Affix(Call& c, int mode) {  // 0 startswith, 1 endswith, 2 strcontains
  std::string s;
  std::string p;
  if (!c.Str(0, &s) || !c.Str(1, &p)) return Value::Unknown();
  if (mode == 0) return Value::Bool(s.compare(0, p.size(), p) == 0);
  if (mode == 1) {
    return Value::Bool(s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0);
  }
  return Value::Bool(s.find(p) != std::string::npos);
}

Value StartsWith(Call& c) { return Affix(c, 0); }
Value EndsWith(Call& c) { return Affix(c, 1); }
Value StrContains(Call& c) { return Affix(c, 2); }

Value Substr(Call& c) {
  std::string s;
  int64_t offset = 0;
  int64_t length = 0;
  if (!c.Str(0, &s) || !c.Int(1, &offset) || !c.Int(2, &length)) return Value::Unknown();
  std::vector<uint32_t> cps;
  if (!DecodeUtf8(s, &cps) || !SimpleGraphemes(cps)) {
    return c.NotEvaluated("its text has characters made of several code points");
  }
  const auto n = static_cast<int64_t>(cps.size());
  if (offset < 0) offset += n;
  if (offset < 0 || offset > n || length < -1) return c.NotEvaluated("an offset out of range");
  const int64_t end = length == -1 ? n : std::min(n, offset + length);
  std::string out;
  for (int64_t i = offset; i < end; ++i) AppendUtf8(cps[static_cast<size_t>(i)], &out);
  return Value::String(std::move(out));
}

Value StrRev(Call& c) {
  std::string s;
  if (!c.Str(0, &s)) return Value::Unknown();
  std::vector<uint32_t> cps;
  if (!DecodeUtf8(s, &cps) || !SimpleGraphemes(cps)) {
    return c.NotEvaluated("its text has characters made of several code points");
  }
  std::string out;
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) AppendUtf8(*it, &out);
  return Value::String(std::move(out));
}

Value Indent(Call& c) {
  int64_t n = 0;
  std::string s;
  if (!c.Int(0, &n) || !c.Str(1, &s)) return Value::Unknown();
  if (n < 0) return c.Fail(0, "the number of spaces must not be negative");
  const auto lines = static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
  if (static_cast<uint64_t>(n) > c.m->MaxStringBytes()) {
    c.m->StringTooLong(c.expr->range);
    return Value::Unknown();
  }
  if (!Room(c, s.size() + lines * static_cast<size_t>(n))) return Value::Unknown();
  const std::string pad(static_cast<size_t>(n), ' ');
  std::string out;
  for (char ch : s) {
    out.push_back(ch);
    if (ch == '\n') out += pad;
  }
  return Value::String(std::move(out));
}

Value Chomp(Call& c) {
  std::string s;
  if (!c.Str(0, &s)) return Value::Unknown();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return Value::String(std::move(s));
}

// One match's value as regex() gives it: the match, a list of groups, or a map of them.
bool MatchValue(Call& c, const RE2& re, const std::vector<re2::StringPiece>& groups, Value* out) {
  const auto& names = re.CapturingGroupNames();
  const size_t n = groups.size();
  if (n == 1) {
    *out = Value::String(std::string(groups[0]));
    return true;
  }
  auto group = [&](size_t i) {
    return groups[i].data() == nullptr ? Value::Null() : Value::String(std::string(groups[i]));
  };
  if (names.empty()) {
    std::vector<Value> items;
    for (size_t i = 1; i < n; ++i) items.push_back(group(i));
    *out = Value::List(std::move(items));
    return true;
  }
  if (names.size() != n - 1) {
    c.Fail(0, "the pattern cannot mix named and unnamed capture groups");
    return false;
  }
  std::map<std::string, Value> members;
  for (const auto& [index, name] : names) members[name] = group(static_cast<size_t>(index));
  *out = Value::Map(std::move(members));
  return true;
}

Value RegexFn(Call& c, bool all) {
  std::string pattern;
  std::string s;
  if (!c.Str(0, &pattern) || !c.Str(1, &s)) return Value::Unknown();
  std::unique_ptr<RE2> re = Compile(c, pattern);
  if (!re) return UnknownFromAll(c.args);
  const int ngroups = re->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(ngroups));
  std::vector<Value> matches;
  size_t pos = 0;
  size_t last_end = std::string::npos;
  size_t nodes = 0;
  while (pos <= s.size()) {
    if (!re->Match(s, pos, s.size(), RE2::UNANCHORED, groups.data(), ngroups)) break;
    const auto begin = static_cast<size_t>(groups[0].data() - s.data());
    const size_t end = begin + groups[0].size();
    if (!(groups[0].empty() && begin == last_end)) {  // Go: no empty match right after one
      Value v;
      if (!MatchValue(c, *re, groups, &v)) return Value::Unknown();
      if (!all) return v;
      nodes += Machine::CountNodes(v, c.m->limits().max_nodes);
      if (nodes > c.m->limits().max_nodes) {
        c.m->LimitError(c.expr->range, "this value would have more than " +
                                           std::to_string(c.m->limits().max_nodes) + " elements");
        return Value::Unknown();
      }
      matches.push_back(std::move(v));
    }
    last_end = end;
    const size_t width = RuneWidth(s, pos);
    pos = end > pos ? end : pos + width;
  }
  if (!all) return c.Fail(0, "the pattern did not match any part of the string");
  return Value::List(std::move(matches));
}

Value Regex(Call& c) { return RegexFn(c, false); }
Value RegexAll(Call& c) { return RegexFn(c, true); }

}  // namespace

void AddStringFunctions(std::vector<Function>* out) {
  const Function fns[] = {
      {"format", 1, -1, kAllowNull, Format},
      {"formatlist", 1, -1, kAllowNull, FormatList},
      {"join", 2, -1, 0, Join},
      {"split", 2, 2, 0, Split},
      {"replace", 3, 3, 0, Replace},
      {"lower", 1, 1, 0, Lower},
      {"upper", 1, 1, 0, Upper},
      {"title", 1, 1, 0, Title},
      {"trimspace", 1, 1, 0, TrimSpace},
      {"trim", 2, 2, 0, Trim},
      {"trimprefix", 2, 2, 0, TrimPrefix},
      {"trimsuffix", 2, 2, 0, TrimSuffix},
      {"startswith", 2, 2, 0, StartsWith},
      {"endswith", 2, 2, 0, EndsWith},
      {"strcontains", 2, 2, 0, StrContains},
      {"substr", 3, 3, 0, Substr},
      {"strrev", 1, 1, 0, StrRev},
      {"indent", 2, 2, 0, Indent},
      {"chomp", 1, 1, 0, Chomp},
      {"regex", 2, 2, 0, Regex},
      {"regexall", 2, 2, 0, RegexAll},
  };
  out->insert(out->end(), std::begin(fns), std::end(fns));
}

}  // namespace iamlint::tf
