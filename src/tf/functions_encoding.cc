// Encoding, conversion, file and miscellaneous functions.
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "hcl/hcl.h"
#include "tf/functions.h"

namespace iamlint::tf {

namespace {

Value JsonEncode(Call& c) {
  std::string out;
  if (!ToJson(c.args[0], &out)) {
    // Some part is known only at apply, so the text is too; what is known of it is kept.
    Value u = UnknownFromAll(c.args);
    u.set_encoded(c.args[0]);
    return u;
  }
  if (out.size() > c.m->MaxStringBytes()) {
    c.m->StringTooLong(c.expr->range);
    return Value::Unknown();
  }
  return Value::String(std::move(out));
}

Value JsonDecode(Call& c) {
  std::string text;
  if (!c.Str(0, &text)) return Value::Unknown();
  // Each value of the text is after a comma, a colon or an opening bracket (or first): a
  // bound on the nodes before anything is built.
  size_t bound = 1;
  for (char ch : text) bound += ch == ',' || ch == ':' || ch == '[' || ch == '{' ? 1 : 0;
  if (bound > c.m->limits().max_nodes) {
    c.m->LimitError(c.expr->range, "this value would have more than " +
                                       std::to_string(c.m->limits().max_nodes) + " elements");
    return Value::Unknown();
  }
  Value v;
  std::string error;
  if (!FromJson(text, &v, &error)) return c.Fail(0, "the text is no JSON: " + error);
  return v;
}

// YAML as Terraform's yamlencode writes it (block style, strings double-quoted). False for
// text whose rendering iamlint is not certain of (non-ASCII, control characters, lines that
// the YAML writer may fold).
bool YamlScalar(const Value& v, size_t column, std::string* out) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      *out += "null";
      return true;
    case Value::Kind::kBool:
      *out += v.AsBool() ? "true" : "false";
      return true;
    case Value::Kind::kNumber:
      *out += v.str();
      return true;
    case Value::Kind::kString: {
      const std::string& s = v.str();
      if (s.find(' ') != std::string::npos && column + s.size() + 2 > 80) return false;
      *out += '"';
      for (char ch : s) {
        const auto u = static_cast<unsigned char>(ch);
        if (u < 0x20 || u >= 0x7F) return false;
        if (ch == '"' || ch == '\\') *out += '\\';
        *out += ch;
      }
      *out += '"';
      return true;
    }
    case Value::Kind::kList:
      *out += "[]";
      return true;
    case Value::Kind::kMap:
      *out += "{}";
      return true;
    case Value::Kind::kUnknown:
      return false;
  }
  return false;
}

bool IsBlock(const Value& v) {
  return (v.IsList() && !v.items().empty()) || (v.IsMap() && !v.members().empty());
}

// Writes a non-empty list or map; the first line's indentation is already written
// (`first_written`) when it continues a "- " item.
bool YamlBlock(const Value& v, size_t indent, bool first_written, std::string* out) {
  bool first = true;
  auto lead = [&] {
    if (!(first && first_written)) *out += std::string(indent, ' ');
    first = false;
  };
  if (v.IsList()) {
    for (const Value& x : v.items()) {
      lead();
      *out += "- ";
      if (IsBlock(x)) {
        if (!YamlBlock(x, indent + 2, true, out)) return false;
      } else {
        if (!YamlScalar(x, indent + 2, out)) return false;
        *out += '\n';
      }
    }
    return true;
  }
  for (const auto& [k, x] : v.members()) {
    lead();
    if (!YamlScalar(Value::String(k), indent, out)) return false;
    *out += ':';
    if (IsBlock(x)) {
      *out += '\n';
      if (!YamlBlock(x, x.IsList() ? indent : indent + 2, false, out)) return false;
    } else {
      *out += ' ';
      if (!YamlScalar(x, indent + k.size() + 4, out)) return false;
      *out += '\n';
    }
  }
  return true;
}

Value YamlEncode(Call& c) {
  std::string out;
  const Value& v = c.args[0];
  const bool ok = IsBlock(v) ? YamlBlock(v, 0, false, &out) : YamlScalar(v, 0, &out);
  if (!ok) return c.NotEvaluated("a YAML rendering iamlint is not certain of");
  if (!IsBlock(v)) out += '\n';
  if (out.size() > c.m->MaxStringBytes()) {
    c.m->StringTooLong(c.expr->range);
    return Value::Unknown();
  }
  return Value::String(std::move(out));
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Value Base64Encode(Call& c) {
  std::string s;
  if (!c.Str(0, &s)) return Value::Unknown();
  std::string out;
  size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(s[i]) << 16) |
                       (static_cast<unsigned char>(s[i + 1]) << 8) |
                       static_cast<unsigned char>(s[i + 2]);
    for (int k = 3; k >= 0; --k) out += kBase64[(n >> (6 * k)) & 63];
  }
  if (i < s.size()) {
    uint32_t n = static_cast<unsigned char>(s[i]) << 16;
    if (i + 1 < s.size()) n |= static_cast<unsigned char>(s[i + 1]) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < s.size() ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return Value::String(std::move(out));
}

int Base64Digit(char ch) {
  if (ch >= 'A' && ch <= 'Z') return ch - 'A';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
  if (ch >= '0' && ch <= '9') return ch - '0' + 52;
  if (ch == '+') return 62;
  if (ch == '/') return 63;
  return -1;
}

Value Base64Decode(Call& c) {
  std::string s;
  if (!c.Str(0, &s)) return Value::Unknown();
  if (s.size() % 4 != 0) return c.Fail(0, "the text is not valid base64");
  std::string out;
  for (size_t i = 0; i < s.size(); i += 4) {
    uint32_t n = 0;
    int pad = 0;
    for (size_t k = 0; k < 4; ++k) {
      const char ch = s[i + k];
      const bool last = i + 4 == s.size();
      int d = Base64Digit(ch);
      if (ch == '=' && last && k >= 2 && (k == 3 || s[i + 3] == '=')) {
        d = 0;
        ++pad;
      } else if (d < 0 || pad > 0) {
        return c.Fail(0, "the text is not valid base64");
      }
      n = (n << 6) | static_cast<uint32_t>(d);
    }
    out += static_cast<char>((n >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(n & 0xFF);
  }
  std::vector<uint32_t> cps;
  if (!DecodeUtf8(out, &cps)) return c.Fail(0, "the decoded bytes are not valid UTF-8");
  return Value::String(std::move(out));
}

Value UrlEncode(Call& c) {
  std::string s;
  if (!c.Str(0, &s)) return Value::Unknown();
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
        ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += ch;
    } else if (ch == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return Value::String(std::move(out));
}

Value ToStringFn(Call& c) {
  const Value& v = c.args[0];
  if (v.IsNull()) return v;
  std::string s;
  if (!ToStringValue(v, &s)) return c.Fail(0, "cannot convert " + WithArticle(v) + " to a string");
  return Value::String(std::move(s));
}

Value ToNumberFn(Call& c) {
  const Value& v = c.args[0];
  if (v.IsNull()) return v;
  Value n;
  if (!ToNumberValue(v, &n)) return c.Fail(0, "cannot convert " + WithArticle(v) + " to a number");
  return n;
}

Value ToBoolFn(Call& c) {
  const Value& v = c.args[0];
  if (v.IsNull()) return v;
  bool b = false;
  if (!ToBool(v, &b)) return c.Fail(0, "cannot convert " + WithArticle(v) + " to a bool");
  return Value::Bool(b);
}

Value Sensitive(Call& c) {
  Value v = c.args[0];
  v.set_sensitive(true);
  return v;
}

void Unmark(Value* v) {
  v->set_sensitive(false);
  for (Value& x : v->mutable_items()) Unmark(&x);
  for (auto& [k, x] : v->mutable_members()) Unmark(&x);
}

Value NonSensitive(Call& c) {
  Value v = c.args[0];
  Unmark(&v);
  return v;
}

bool ReadText(Call& c, std::string* text) {
  std::string path;
  if (!c.Str(0, &path)) return false;
  if (!c.m->resolver()->ReadFile(path, c.At(0), text, c.m->diags())) return false;
  if (text->size() > c.m->MaxStringBytes()) {
    c.m->StringTooLong(c.At(0));
    return false;
  }
  std::vector<uint32_t> cps;
  if (!DecodeUtf8(*text, &cps)) {
    c.Fail(0, "the contents of " + path + " are not valid UTF-8");
    return false;
  }
  return true;
}

Value File(Call& c) {
  std::string text;
  if (!ReadText(c, &text)) return UnknownFromAll(c.args);
  return Value::String(std::move(text));
}

Value TemplateFile(Call& c) {
  if (c.m->in_templatefile()) return c.Fail("templatefile cannot be called from a template");
  const Value* vars = nullptr;
  if (!c.Map(1, &vars)) return Value::Unknown();
  std::string text;
  if (!ReadText(c, &text)) return UnknownFromAll(c.args);
  std::string path;
  ToStringValue(c.args[0], &path);
  hcl::ParsedExpr parsed;
  hcl::Error err;
  if (!hcl::ParseTemplate(text, path, &parsed, &err)) {
    return c.Fail(0, "the template is invalid: " + err.ToString());
  }
  return c.m->EvalIsolated(*parsed.expr, vars->members());
}

bool ParseIpv4(const std::string& s, uint32_t* ip, int* len) {
  unsigned a = 0, b = 0, cc = 0, d = 0;
  int n = 0;
  int used = 0;
  if (std::sscanf(s.c_str(), "%3u.%3u.%3u.%3u/%2d%n", &a, &b, &cc, &d, &n, &used) != 5) {
    return false;
  }
  if (static_cast<size_t>(used) != s.size() || a > 255 || b > 255 || cc > 255 || d > 255 || n < 0 ||
      n > 32) {
    return false;
  }
  *ip = (a << 24) | (b << 16) | (cc << 8) | d;
  *len = n;
  return true;
}

Value CidrSubnet(Call& c) {
  std::string prefix;
  int64_t newbits = 0;
  int64_t netnum = 0;
  if (!c.Str(0, &prefix) || !c.Int(1, &newbits) || !c.Int(2, &netnum)) return Value::Unknown();
  uint32_t ip = 0;
  int len = 0;
  if (!ParseIpv4(prefix, &ip, &len)) return c.NotEvaluated("not an IPv4 prefix iamlint reads");
  if (newbits < 0 || len + newbits > 32) {
    return c.Fail(1, "a /" + std::to_string(len) + " prefix cannot be extended by " +
                         std::to_string(newbits) + " bits");
  }
  const auto newlen = static_cast<int>(len + newbits);
  if (netnum < 0 || (newbits < 63 && netnum >= (int64_t{1} << newbits))) {
    return c.Fail(2, "the network number " + std::to_string(netnum) + " does not fit in " +
                         std::to_string(newbits) + " bits");
  }
  const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
  uint32_t net = ip & mask;
  if (newlen < 32) net |= static_cast<uint32_t>(netnum) << (32 - newlen);
  if (newlen == 32) net |= static_cast<uint32_t>(netnum);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u/%d", net >> 24, (net >> 16) & 255, (net >> 8) & 255,
                net & 255, newlen);
  return Value::String(buf);
}

// Values known only when Terraform applies (or not computed here): always unknown.
Value AtApply(Call& c) {
  c.m->Note(c.expr->range,
            "function " + c.name + " is not evaluated by iamlint: its value is unknown");
  return UnknownFromAll(c.args);
}

}  // namespace

void AddEncodingFunctions(std::vector<Function>* out) {
  const Function fns[] = {
      {"jsonencode", 1, 1, kAllowNull | kPartial, JsonEncode},
      {"jsondecode", 1, 1, 0, JsonDecode},
      {"yamlencode", 1, 1, kAllowNull, YamlEncode},
      {"base64encode", 1, 1, 0, Base64Encode},
      {"base64decode", 1, 1, 0, Base64Decode},
      {"urlencode", 1, 1, 0, UrlEncode},
      {"tostring", 1, 1, kAllowNull, ToStringFn},
      {"tonumber", 1, 1, kAllowNull, ToNumberFn},
      {"tobool", 1, 1, kAllowNull, ToBoolFn},
      {"sensitive", 1, 1, kAllowNull | kAllowUnknown | kOwnSensitive, Sensitive},
      {"nonsensitive", 1, 1, kAllowNull | kAllowUnknown | kOwnSensitive, NonSensitive},
      {"file", 1, 1, 0, File},
      {"templatefile", 2, 2, kPartial, TemplateFile},
      {"cidrsubnet", 3, 3, 0, CidrSubnet},
      {"uuid", 0, 0, 0, AtApply},
      {"timestamp", 0, 0, 0, AtApply},
      {"bcrypt", 1, 2, 0, AtApply},
      {"md5", 1, 1, 0, AtApply},
      {"sha1", 1, 1, 0, AtApply},
      {"sha256", 1, 1, 0, AtApply},
      {"sha512", 1, 1, 0, AtApply},
  };
  out->insert(out->end(), std::begin(fns), std::end(fns));
}

}  // namespace iamlint::tf
