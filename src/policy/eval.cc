#include "policy/eval.h"
#include "core/ascii.h"
#include "core/wildcard.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <optional>

namespace iamlint {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

/// A pattern token: a literal character, or a `*` / `?` wildcard.
struct Token {
  char c;
  bool wild;
};

/// Case-(in)sensitive match of tokens against text (core/wildcard.h's matcher).
bool MatchTokens(const std::vector<Token>& p, std::string_view t, bool ci) {
  return WildcardMatchWith(
      p.size(), [&](size_t i) { return p[i].wild && p[i].c == '*'; },
      [&](size_t i) { return p[i].wild && p[i].c == '?'; },
      [&](size_t i, char c) {
        return !p[i].wild && (ci ? AsciiLower(p[i].c) == AsciiLower(c) : p[i].c == c);
      },
      t);
}

const std::vector<std::string>* Lookup(const EvalRequest& r, const std::string& key) {
  const std::string lower = Lower(key);
  if (auto it = r.context.find(lower); it != r.context.end()) return &it->second;
  for (const auto& [k, v] : r.context) {  // a context not indexed by lower-case keys
    if (Lower(k) == lower) return &v;
  }
  return nullptr;
}

/// Whether a key the request's context does not give is unknown (rather than absent).
bool KeyUnknown(const EvalRequest& r, const std::string& key) {
  if (r.context_complete) return false;
  const std::string lower = Lower(key);
  return std::none_of(r.absent_keys.begin(), r.absent_keys.end(),
                      [&](const std::string& k) { return Lower(k) == lower; });
}

/// Expands policy variables (`${aws:username}`, `${key, 'default'}`, `${*}`, `${?}`, `${$}`)
/// into tokens; `wildcards` says whether `*`/`?` outside variables are wildcards. Returns
/// nullopt when a variable has no value (the element then does not match); `missing` gets
/// the key when the context is partial.
std::optional<std::vector<Token>> Expand(std::string_view text, bool wildcards,
                                         const EvalRequest& r, std::vector<std::string>* missing,
                                         bool missing_as_wildcard = false) {
  std::vector<Token> out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t end = text.find('}', i + 2);
      if (end != std::string_view::npos) {
        std::string inner(text.substr(i + 2, end - i - 2));
        i = end;
        if (inner == "*" || inner == "?" || inner == "$") {
          out.push_back({inner[0], false});
          continue;
        }
        std::string key = inner;
        std::optional<std::string> fallback;
        if (size_t comma = inner.find(','); comma != std::string::npos) {
          key = inner.substr(0, comma);
          std::string def = inner.substr(comma + 1);
          def.erase(0, def.find_first_not_of(' '));
          if (def.size() >= 2 && def.front() == '\'' && def.back() == '\'') {
            fallback = def.substr(1, def.size() - 2);
          }
        }
        key.erase(key.find_last_not_of(' ') + 1);
        const auto* values = Lookup(r, key);
        std::string value;
        if (values != nullptr && values->size() == 1) {
          value = (*values)[0];
        } else if (fallback) {
          value = *fallback;
        } else if (missing_as_wildcard) {
          out.push_back({'*', true});  // any value the variable might take
          continue;
        } else {
          if (values == nullptr && KeyUnknown(r, key)) missing->push_back(key);
          return std::nullopt;
        }
        for (char c : value) out.push_back({c, false});
        continue;
      }
    }
    const bool wild = wildcards && (text[i] == '*' || text[i] == '?');
    out.push_back({text[i], wild});
  }
  return out;
}

bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end != nullptr && *end == '\0';
}

/// ISO 8601 (2025-01-31, 2025-01-31T12:00:00Z, with fractional seconds or an offset) or epoch
/// seconds.
bool ParseDate(const std::string& s, double* out) {
  if (!s.empty() && s.find('-') == std::string::npos) return ParseNumber(s, out);
  int y = 0;
  int mo = 0;
  int d = 0;
  int h = 0;
  int mi = 0;
  double sec = 0;
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%n", &y, &mo, &d, &consumed) < 3) return false;
  size_t pos = static_cast<size_t>(consumed);
  double offset = 0;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    int n2 = 0;
    if (std::sscanf(s.c_str() + pos + 1, "%d:%d:%lf%n", &h, &mi, &sec, &n2) < 3) {
      sec = 0;
      if (std::sscanf(s.c_str() + pos + 1, "%d:%d%n", &h, &mi, &n2) < 2) return false;
    }
    pos += 1 + static_cast<size_t>(n2);
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      int oh = 0;
      int om = 0;
      std::sscanf(s.c_str() + pos + 1, "%d:%d", &oh, &om);
      offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600.0 + om * 60.0);
    }
  }
  // Days from civil (proleptic Gregorian), as in Howard Hinnant's well-known algorithm.
  y -= mo <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const double days = era * 146097.0 + doe - 719468.0;
  *out = days * 86400.0 + h * 3600.0 + mi * 60.0 + sec - offset;
  return true;
}

bool ParseIp(const std::string& s, unsigned char* bytes, int* family) {
  if (inet_pton(AF_INET, s.c_str(), bytes) == 1) {
    *family = 4;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), bytes) == 1) {
    *family = 6;
    return true;
  }
  return false;
}

bool IpInCidr(const std::string& ip, const std::string& cidr) {
  std::string net = cidr;
  int bits = -1;
  if (size_t slash = cidr.find('/'); slash != std::string::npos) {
    net = cidr.substr(0, slash);
    bits = std::atoi(cidr.c_str() + slash + 1);
  }
  unsigned char a[16] = {};
  unsigned char b[16] = {};
  int fa = 0;
  int fb = 0;
  if (!ParseIp(ip, a, &fa) || !ParseIp(net, b, &fb) || fa != fb) return false;
  const int total = fa == 4 ? 32 : 128;
  if (bits < 0 || bits > total) bits = total;
  for (int i = 0; i < bits; ++i) {
    const int bit = 7 - (i % 8);
    if (((a[i / 8] >> bit) & 1) != ((b[i / 8] >> bit) & 1)) return false;
  }
  return true;
}

/// ARN comparison as ArnLike/ArnEquals do it: six colon-separated parts, each a glob.
bool ArnMatch(const std::vector<Token>& pattern, const std::string& arn) {
  // Split the tokens on literal ':' into at most 6 parts; the resource part keeps its colons.
  std::vector<std::vector<Token>> pparts(1);
  for (const auto& t : pattern) {
    if (!t.wild && t.c == ':' && pparts.size() < 6) {
      pparts.emplace_back();
    } else {
      pparts.back().push_back(t);
    }
  }
  std::vector<std::string> aparts(1);
  for (char c : arn) {
    if (c == ':' && aparts.size() < 6) {
      aparts.emplace_back();
    } else {
      aparts.back().push_back(c);
    }
  }
  if (pparts.size() != 6 || aparts.size() != 6) return false;
  for (size_t i = 0; i < 6; ++i) {
    if (!MatchTokens(pparts[i], aparts[i], false)) return false;
  }
  return true;
}

/// Whether the first five ARN fields (arn, partition, service, region, account) of a pattern
/// can match those of `arn`. Non-ARN patterns are treated as possibly matching.
bool ArnPrefixMatches(const std::vector<Token>& pattern, const std::string& arn) {
  std::vector<Token> prefix;
  int colons = 0;
  for (const auto& t : pattern) {
    if (!t.wild && t.c == ':' && ++colons == 5) break;
    prefix.push_back(t);
  }
  if (colons < 5) return true;
  size_t pos = 0;
  for (int i = 0; i < 5 && pos != std::string::npos; ++i) pos = arn.find(':', pos + (i ? 1 : 0));
  if (pos == std::string::npos) return false;
  return MatchTokens(prefix, std::string_view(arn).substr(0, pos), false);
}

enum class Op {
  kStringEquals,
  kStringEqualsIgnoreCase,
  kStringLike,
  kNumericEquals,
  kNumericLessThan,
  kNumericLessThanEquals,
  kNumericGreaterThan,
  kNumericGreaterThanEquals,
  kDateEquals,
  kDateLessThan,
  kDateLessThanEquals,
  kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool,
  kBinaryEquals,
  kIpAddress,
  kArnLike,
  kNull,
  kInvalid,
};

struct ParsedOp {
  Op op = Op::kInvalid;
  bool negated = false;
  bool if_exists = false;
  enum class Set { kNone, kForAll, kForAny } set = Set::kNone;
};

ParsedOp ParseOp(std::string name) {
  ParsedOp p;
  if (name.rfind("ForAllValues:", 0) == 0) {
    p.set = ParsedOp::Set::kForAll;
    name = name.substr(13);
  } else if (name.rfind("ForAnyValue:", 0) == 0) {
    p.set = ParsedOp::Set::kForAny;
    name = name.substr(12);
  }
  if (name.size() > 8 && name.compare(name.size() - 8, 8, "IfExists") == 0) {
    p.if_exists = true;
    name = name.substr(0, name.size() - 8);
  }
  static const std::map<std::string, std::pair<Op, bool>> kOps = {
      {"StringEquals", {Op::kStringEquals, false}},
      {"StringNotEquals", {Op::kStringEquals, true}},
      {"StringEqualsIgnoreCase", {Op::kStringEqualsIgnoreCase, false}},
      {"StringNotEqualsIgnoreCase", {Op::kStringEqualsIgnoreCase, true}},
      {"StringLike", {Op::kStringLike, false}},
      {"StringNotLike", {Op::kStringLike, true}},
      {"NumericEquals", {Op::kNumericEquals, false}},
      {"NumericNotEquals", {Op::kNumericEquals, true}},
      {"NumericLessThan", {Op::kNumericLessThan, false}},
      {"NumericLessThanEquals", {Op::kNumericLessThanEquals, false}},
      {"NumericGreaterThan", {Op::kNumericGreaterThan, false}},
      {"NumericGreaterThanEquals", {Op::kNumericGreaterThanEquals, false}},
      {"DateEquals", {Op::kDateEquals, false}},
      {"DateNotEquals", {Op::kDateEquals, true}},
      {"DateLessThan", {Op::kDateLessThan, false}},
      {"DateLessThanEquals", {Op::kDateLessThanEquals, false}},
      {"DateGreaterThan", {Op::kDateGreaterThan, false}},
      {"DateGreaterThanEquals", {Op::kDateGreaterThanEquals, false}},
      {"Bool", {Op::kBool, false}},
      {"BinaryEquals", {Op::kBinaryEquals, false}},
      {"IpAddress", {Op::kIpAddress, false}},
      {"NotIpAddress", {Op::kIpAddress, true}},
      {"ArnEquals", {Op::kArnLike, false}},
      {"ArnLike", {Op::kArnLike, false}},
      {"ArnNotEquals", {Op::kArnLike, true}},
      {"ArnNotLike", {Op::kArnLike, true}},
      {"Null", {Op::kNull, false}},
  };
  auto it = kOps.find(name);
  if (it != kOps.end()) {
    p.op = it->second.first;
    p.negated = it->second.second;
  }
  return p;
}

/// Whether one request value matches one policy value under a (non-negated) operator.
bool ValueMatches(Op op, const std::string& policy_value, const std::string& value,
                  const EvalRequest& r, std::vector<std::string>* missing) {
  switch (op) {
    case Op::kStringEquals:
    case Op::kStringEqualsIgnoreCase:
    case Op::kStringLike:
    case Op::kArnLike: {
      const bool wild = op == Op::kStringLike || op == Op::kArnLike;
      auto tokens = Expand(policy_value, wild, r, missing);
      if (!tokens) return false;
      if (op == Op::kArnLike) return ArnMatch(*tokens, value);
      return MatchTokens(*tokens, value, op == Op::kStringEqualsIgnoreCase);
    }
    case Op::kNumericEquals:
    case Op::kNumericLessThan:
    case Op::kNumericLessThanEquals:
    case Op::kNumericGreaterThan:
    case Op::kNumericGreaterThanEquals:
    case Op::kDateEquals:
    case Op::kDateLessThan:
    case Op::kDateLessThanEquals:
    case Op::kDateGreaterThan:
    case Op::kDateGreaterThanEquals: {
      const bool date = op >= Op::kDateEquals;
      double a = 0;
      double b = 0;
      bool ok = date ? ParseDate(value, &a) && ParseDate(policy_value, &b)
                     : ParseNumber(value, &a) && ParseNumber(policy_value, &b);
      if (!ok) return false;
      switch (op) {
        case Op::kNumericEquals:
        case Op::kDateEquals:
          return a == b;
        case Op::kNumericLessThan:
        case Op::kDateLessThan:
          return a < b;
        case Op::kNumericLessThanEquals:
        case Op::kDateLessThanEquals:
          return a <= b;
        case Op::kNumericGreaterThan:
        case Op::kDateGreaterThan:
          return a > b;
        default:
          return a >= b;
      }
    }
    case Op::kBool:
      return Lower(policy_value) == Lower(value);
    case Op::kBinaryEquals:
      return policy_value == value;
    case Op::kIpAddress:
      return IpInCidr(value, policy_value);
    case Op::kNull:
    case Op::kInvalid:
      break;
  }
  return false;
}

enum class Tri3 { kFalse, kTrue, kDepends };

/// Evaluates one condition entry (operator, key, values).
Tri3 ConditionHolds(const Condition& c, const EvalRequest& r, std::vector<std::string>* missing) {
  ParsedOp op = ParseOp(c.op);
  if (op.op == Op::kInvalid) return Tri3::kFalse;
  const auto* values = Lookup(r, c.key);
  const bool unknown = values == nullptr && KeyUnknown(r, c.key);
  if (unknown && op.op != Op::kNull) {
    missing->push_back(c.key);
    return Tri3::kDepends;
  }
  if (op.op == Op::kNull) {
    if (unknown) {
      missing->push_back(c.key);
      return Tri3::kDepends;
    }
    const bool absent = values == nullptr || values->empty();
    for (const auto& v : c.values) {
      if ((Lower(v) == "true") == absent) return Tri3::kTrue;
    }
    return Tri3::kFalse;
  }
  if (values == nullptr || values->empty()) {
    if (op.if_exists) return Tri3::kTrue;
    if (op.set == ParsedOp::Set::kForAll) return Tri3::kTrue;  // vacuously true
    if (op.set == ParsedOp::Set::kForAny) return Tri3::kFalse;
    return op.negated ? Tri3::kTrue : Tri3::kFalse;
  }
  std::vector<std::string> local_missing;
  auto matches_any_policy_value = [&](const std::string& v) {
    for (const auto& pv : c.values) {
      if (ValueMatches(op.op, pv, v, r, &local_missing)) return true;
    }
    return false;
  };
  bool result = false;
  if (op.set == ParsedOp::Set::kForAll) {
    result = std::all_of(values->begin(), values->end(), [&](const std::string& v) {
      return op.negated ? !matches_any_policy_value(v) : matches_any_policy_value(v);
    });
  } else if (op.set == ParsedOp::Set::kForAny) {
    result = std::any_of(values->begin(), values->end(), [&](const std::string& v) {
      return op.negated ? !matches_any_policy_value(v) : matches_any_policy_value(v);
    });
  } else {
    // A single-valued key: the request's value against the policy's values (OR).
    bool any = std::any_of(values->begin(), values->end(),
                           [&](const std::string& v) { return matches_any_policy_value(v); });
    result = op.negated ? !any : any;
  }
  if (!local_missing.empty() && !result) {
    missing->insert(missing->end(), local_missing.begin(), local_missing.end());
    return Tri3::kDepends;
  }
  return result ? Tri3::kTrue : Tri3::kFalse;
}

bool PrincipalMatches(const Principal& p, const std::string& principal, bool account_matches) {
  if (p.any) return true;
  for (const auto& [type, ids] : p.ids) {
    for (const auto& id : ids) {
      if (id == "*" || id == principal) return true;
      if (type == "AWS" && account_matches) {
        // An account ID or its root ARN stands for every principal of the account.
        std::string account = id;
        if (id.rfind("arn:", 0) == 0 && id.size() > 5 &&
            id.compare(id.size() - 5, 5, ":root") == 0) {
          account = id.substr(13, id.size() - 13 - 5);
        }
        if (account.size() == 12 && principal.find(":" + account + ":") != std::string::npos) {
          return true;
        }
      }
    }
  }
  return false;
}

Tri3 And(Tri3 a, Tri3 b) {
  if (a == Tri3::kFalse || b == Tri3::kFalse) return Tri3::kFalse;
  if (a == Tri3::kTrue && b == Tri3::kTrue) return Tri3::kTrue;
  return Tri3::kDepends;
}

Tri3 Or(Tri3 a, Tri3 b) {
  if (a == Tri3::kTrue || b == Tri3::kTrue) return Tri3::kTrue;
  if (a == Tri3::kFalse && b == Tri3::kFalse) return Tri3::kFalse;
  return Tri3::kDepends;
}

}  // namespace

const char* DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllowed:
      return "allowed";
    case Decision::kExplicitDeny:
      return "explicitly denied";
    case Decision::kImplicitDeny:
      return "implicitly denied";
    case Decision::kDepends:
      return "depends on conditions";
  }
  return "";
}

namespace {

/// How far a statement's resource pattern reaches into the request's resource (an ARN, or a
/// pattern in set-wise evaluation): every resource of it, some, or none.
enum class Reach { kNone, kSome, kAll };

Reach ReachOf(const std::vector<Token>& p, const std::string& resource, bool pattern) {
  if (!pattern) return MatchTokens(p, resource, false) ? Reach::kAll : Reach::kNone;
  std::string text;
  text.reserve(p.size());
  bool literal_wildcard = false;  // a `*` or `?` from ${*} / ${?}: matched as itself
  for (const auto& t : p) {
    literal_wildcard = literal_wildcard || (!t.wild && (t.c == '*' || t.c == '?'));
    text.push_back(t.c);
  }
  if (!literal_wildcard && WildcardCovers(text, resource, false)) return Reach::kAll;
  return WildcardsOverlap(text, resource) ? Reach::kSome : Reach::kNone;
}

/// Whether a statement's Resource / NotResource element applies to the request's resource.
Tri3 ResourceApplies(const Statement& st, const EvalRequest& r, bool resource_policy, bool pattern,
                     std::vector<std::string>* missing) {
  if (!st.has_resource) return resource_policy ? Tri3::kTrue : Tri3::kFalse;
  // A pattern whose policy variable has no value cannot be matched; it is a definite
  // mismatch only when no value of the variable could make it match.
  bool all = false;
  bool some = false;
  bool open = false;  // some pattern could match, but its variable has no value
  std::vector<std::string> open_keys;
  for (const auto& text : st.resources) {
    std::vector<std::string> m;
    if (auto tokens = Expand(text, true, r, &m)) {
      const Reach reach = ReachOf(*tokens, r.resource, pattern);
      all = all || reach == Reach::kAll;
      some = some || reach != Reach::kNone;
      continue;
    }
    // Definite only when the ARN differs before its resource part (partition, service,
    // region, account); within the resource part the missing value leaves it open.
    auto any = Expand(text, true, r, &m, /*missing_as_wildcard=*/true);
    if (any && (pattern ? ReachOf(*any, r.resource, true) != Reach::kNone
                        : ArnPrefixMatches(*any, r.resource))) {
      open = true;
      open_keys.insert(open_keys.end(), m.begin(), m.end());
    }
  }
  Tri3 res = Tri3::kFalse;
  if (!st.not_resource) {
    // Some of the pattern's resources but maybe not all: depends on which (no key to give).
    res = all ? Tri3::kTrue : some ? Tri3::kDepends : Tri3::kFalse;
    if (res == Tri3::kFalse && open && !r.context_complete) res = Tri3::kDepends;
  } else if (all) {
    res = Tri3::kFalse;
  } else if (some) {
    res = Tri3::kDepends;
  } else if (open) {
    // Cannot tell whether the resource is excluded: the statement does not apply, or
    // depends on the missing keys when the context is partial.
    res = r.context_complete ? Tri3::kFalse : Tri3::kDepends;
  } else {
    res = Tri3::kTrue;
  }
  if (res == Tri3::kDepends && open) {
    missing->insert(missing->end(), open_keys.begin(), open_keys.end());
  }
  return res;
}

/// A statement's conditions: every entry must hold (AND).
Tri3 ConditionsHold(const Statement& st, const EvalRequest& r, std::vector<std::string>* missing) {
  Tri3 cond = Tri3::kTrue;
  for (const auto& c : st.conditions) {
    cond = And(cond, ConditionHolds(c, r, missing));
    if (cond == Tri3::kFalse) return cond;
  }
  return cond;
}

Applies ApplyStatement(const Statement& st, const EvalRequest& r, bool resource_policy,
                       bool pattern, std::vector<std::string>* missing) {
  // Action / NotAction
  bool action = false;
  for (const auto& a : st.actions) {
    if (ActionMatches(a, r.action)) action = true;
  }
  if (action == st.not_action) return Applies::kNo;
  const Tri3 res = ResourceApplies(st, r, resource_policy, pattern, missing);
  if (res == Tri3::kFalse) return Applies::kNo;
  // Principal / NotPrincipal (resource-based policies only). An Allow naming the caller's own
  // account (its ID or root ARN) delegates to the account's IAM policies: it grants the caller
  // nothing by itself. A Deny naming the account applies to all of its principals.
  if (resource_policy && st.principal.present) {
    bool m = PrincipalMatches(st.principal, r.principal,
                              /*account_matches=*/st.effect == Effect::kDeny || st.not_principal);
    if (m == st.not_principal) return Applies::kNo;
  }
  const Tri3 cond = ConditionsHold(st, r, missing);
  if (cond == Tri3::kFalse) return Applies::kNo;
  Tri3 all = And(res, cond);
  return all == Tri3::kTrue ? Applies::kYes : Applies::kDepends;
}

/// Whether a policy governs the request's resource (EvalPolicy::applies_to).
Tri3 Governs(const EvalPolicy& p, const EvalRequest& r, bool pattern) {
  if (p.applies_to.empty()) return Tri3::kTrue;
  Tri3 out = Tri3::kFalse;
  for (const auto& g : p.applies_to) {
    std::vector<Token> tokens;
    for (char c : g) tokens.push_back({c, c == '*' || c == '?'});
    const Reach reach = ReachOf(tokens, r.resource, pattern);
    out = Or(out, reach == Reach::kAll    ? Tri3::kTrue
                  : reach == Reach::kSome ? Tri3::kDepends
                                          : Tri3::kFalse);
  }
  return out;
}

Tri3 TriOf(Applies a) { return a == Applies::kYes ? Tri3::kTrue : Tri3::kDepends; }

/// The delegation of KMS key and role trust policies: whether one that governs the request lets
/// the caller's account manage access with IAM (an Allow naming the account, its ID or root ARN).
Tri3 Delegated(const EvalPolicies& policies, const EvalRequest& r, bool pattern,
               std::vector<std::string>* missing_keys) {
  Tri3 delegated = Tri3::kFalse;
  for (const auto& p : policies.resource) {
    if (p.document == nullptr) continue;
    const Tri3 governs = Governs(p, r, pattern);
    if (governs == Tri3::kFalse) continue;
    for (const auto& st : p.document->statements) {
      if (st.effect != Effect::kAllow || st.not_principal || !st.principal.present ||
          !PrincipalMatches(st.principal, r.principal, /*account_matches=*/true)) {
        continue;
      }
      Statement any_principal = st;  // the principal matched: weigh the rest
      any_principal.principal = Principal();
      std::vector<std::string> missing;
      Applies a = ApplyStatement(any_principal, r, true, pattern, &missing);
      if (a == Applies::kNo) continue;
      delegated = Or(delegated, And(governs, TriOf(a)));
      missing_keys->insert(missing_keys->end(), missing.begin(), missing.end());
    }
  }
  return delegated;
}

/// Allows and Denies of one set of policies, as Evaluate weighs them.
struct Weighed {
  Tri3 deny = Tri3::kFalse;
  Tri3 allow = Tri3::kFalse;
  /// Resource policies' Allows naming everyone (`*`, which matches the caller's session too).
  Tri3 resource_wildcard = Tri3::kFalse;
};

void Weigh(const std::vector<EvalPolicy>& set, bool resource_policy, const EvalRequest& r,
           bool pattern, Weighed* w, EvalResult* out) {
  for (const auto& p : set) {
    if (p.document == nullptr) continue;
    const Tri3 governs = Governs(p, r, pattern);
    if (governs == Tri3::kFalse) continue;
    for (const auto& st : p.document->statements) {
      if (st.effect == Effect::kInvalid) continue;
      std::vector<std::string> missing;
      Applies a = ApplyStatement(st, r, resource_policy, pattern, &missing);
      if (a == Applies::kNo) continue;
      const Tri3 t = And(governs, TriOf(a));
      out->deciding.push_back({p.name, &st, st.effect, !st.conditions.empty(), missing});
      if (st.effect == Effect::kDeny) {
        w->deny = Or(w->deny, t);
      } else if (resource_policy && !st.not_principal && st.principal.any) {
        w->resource_wildcard = Or(w->resource_wildcard, t);
      } else {
        w->allow = Or(w->allow, t);
      }
      out->missing_keys.insert(out->missing_keys.end(), missing.begin(), missing.end());
    }
  }
}

/// Whether some resource policy governs every resource of the request.
bool ResourcePolicyAtHand(const EvalPolicies& policies, const EvalRequest& r, bool pattern) {
  return std::any_of(policies.resource.begin(), policies.resource.end(),
                     [&](const EvalPolicy& p) { return Governs(p, r, pattern) == Tri3::kTrue; });
}

void Conclude(Tri3 deny, Tri3 allowed, EvalResult* out) {
  std::sort(out->missing_keys.begin(), out->missing_keys.end());
  out->missing_keys.erase(std::unique(out->missing_keys.begin(), out->missing_keys.end()),
                          out->missing_keys.end());
  if (deny == Tri3::kTrue) {
    out->decision = Decision::kExplicitDeny;
    // Only the Deny statements that surely apply decided it.
    out->deciding.erase(std::remove_if(out->deciding.begin(), out->deciding.end(),
                                       [](const DecidingStatement& d) {
                                         return d.effect != Effect::kDeny ||
                                                !d.missing_keys.empty();
                                       }),
                        out->deciding.end());
    out->missing_keys.clear();
    return;
  }
  if (allowed == Tri3::kFalse) {
    out->decision = Decision::kImplicitDeny;
    out->deciding.erase(
        std::remove_if(out->deciding.begin(), out->deciding.end(),
                       [](const DecidingStatement& d) { return d.effect != Effect::kDeny; }),
        out->deciding.end());
    out->missing_keys.clear();
    return;
  }
  out->decision =
      allowed == Tri3::kTrue && deny == Tri3::kFalse ? Decision::kAllowed : Decision::kDepends;
}

EvalResult EvaluateIn(const EvalPolicies& policies, const EvalRequest& request, bool pattern) {
  EvalRequest r = request;
  // Condition keys are case-insensitive: index the context by lower-case key.
  r.context.clear();
  for (const auto& [k, v] : request.context) r.context[Lower(k)] = v;

  EvalResult out;
  Weighed identity;
  Weigh(policies.identity, false, r, pattern, &identity, &out);
  Weighed boundary;
  Weigh(policies.boundary, false, r, pattern, &boundary, &out);
  Weighed resource;
  Weigh(policies.resource, true, r, pattern, &resource, &out);
  const Tri3 deny = Or(Or(identity.deny, boundary.deny), resource.deny);
  const Tri3 capped = policies.boundary.empty() ? Tri3::kTrue : boundary.allow;
  // KMS keys and role trust: the resource policy (key policy, trust policy) must allow too;
  // identity policies alone grant nothing. Without it at hand, an Allow cannot be concluded.
  const std::string action = Lower(r.action);
  const bool needs_resource_policy =
      action.rfind("kms:", 0) == 0 || action.rfind("sts:assumerole", 0) == 0;
  Tri3 through_identity = identity.allow;
  if (needs_resource_policy && !policies.resource.empty()) {
    // The identity policies count only where the key or trust policy lets the caller's
    // account manage access with IAM: an Allow naming the account (its ID or root ARN)
    // (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html,
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html).
    through_identity = And(through_identity, Delegated(policies, r, pattern, &out.missing_keys));
  }
  // A resource policy's grant to an IAM role's ARN is capped by the role's boundary too; to an
  // IAM user's ARN (same account), or to everyone (`*`, which names the role session), it is not
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policies_boundaries.html).
  const bool role_caller = r.principal.find(":role/") != std::string::npos;
  Tri3 allowed = role_caller ? And(Or(through_identity, resource.allow), capped)
                             : Or(And(through_identity, capped), resource.allow);
  allowed = Or(allowed, resource.resource_wildcard);
  if (needs_resource_policy && !ResourcePolicyAtHand(policies, r, pattern) &&
      allowed != Tri3::kFalse) {
    allowed = Tri3::kDepends;
    out.missing_keys.push_back(action.rfind("kms:", 0) == 0 ? "(the KMS key policy)"
                                                            : "(the role's trust policy)");
  }
  Conclude(deny, allowed, &out);
  return out;
}

/// Concrete resources a pattern shares with the policies' own resource patterns (and the
/// pattern's shortest resource): where the answer may change from one resource to the next.
std::vector<std::string> Witnesses(const EvalPolicies& policies, const std::string& pattern) {
  constexpr size_t kMost = 64;
  std::vector<std::string> out;
  // A `*` of the pattern that took a `:` would stand for a resource of another shape
  // (`table/app-*` and `*:table/billing-*` share `table/app-:table/billing-`, no table's ARN).
  const auto colons = std::count(pattern.begin(), pattern.end(), ':');
  auto add = [&](const std::string& other) {
    std::string w;
    if (out.size() < kMost && other.find("${") == std::string::npos &&
        WildcardsCommonString(pattern, other, &w) &&
        std::count(w.begin(), w.end(), ':') == colons &&
        std::find(out.begin(), out.end(), w) == out.end()) {
      out.push_back(std::move(w));
    }
  };
  add(pattern);
  for (const auto* set : {&policies.identity, &policies.boundary, &policies.resource}) {
    for (const auto& p : *set) {
      for (const auto& g : p.applies_to) add(g);
      if (p.document == nullptr) continue;
      for (const auto& st : p.document->statements) {
        for (const auto& res : st.resources) add(res);
      }
    }
  }
  return out;
}

}  // namespace

Applies StatementApplies(const Statement& st, const EvalRequest& r, bool resource_policy,
                         std::vector<std::string>* missing) {
  return ApplyStatement(st, r, resource_policy, /*pattern=*/false, missing);
}

Applies ConditionsApply(const Statement& st, const EvalRequest& r,
                        std::vector<std::string>* missing) {
  switch (ConditionsHold(st, r, missing)) {
    case Tri3::kTrue:
      return Applies::kYes;
    case Tri3::kFalse:
      return Applies::kNo;
    case Tri3::kDepends:
      break;
  }
  return Applies::kDepends;
}

EvalResult Evaluate(const EvalPolicies& policies, const EvalRequest& request) {
  return EvaluateIn(policies, request, /*pattern=*/false);
}

PatternResult EvaluatePattern(const EvalPolicies& policies, const EvalRequest& request) {
  PatternResult out;
  EvalResult set = EvaluateIn(policies, request, /*pattern=*/true);
  out.decision = set.decision;
  out.missing_keys = std::move(set.missing_keys);
  if (out.decision != Decision::kDepends) return out;
  EvalRequest one = request;
  for (const auto& w : Witnesses(policies, request.resource)) {
    one.resource = w;
    const Decision d = Evaluate(policies, one).decision;
    if (d == Decision::kAllowed && out.allowed_on.empty()) out.allowed_on = w;
    if ((d == Decision::kExplicitDeny || d == Decision::kImplicitDeny) &&
        (out.refused_on.empty() || (d == Decision::kExplicitDeny && !out.refused_explicitly))) {
      out.refused_on = w;
      out.refused_explicitly = d == Decision::kExplicitDeny;
    }
  }
  return out;
}

}  // namespace iamlint
