#include "rules/statement_checks.h"

#include <algorithm>
#include <deque>
#include <set>
#include <utility>
#include <vector>

#include "core/ascii.h"

namespace iamlint {
namespace {

/// A small deterministic automaton for a language of names (ARNs of one partition, action
/// names). Each state says where a `:` and where any other character lead (-1: rejected);
/// `colon_too` states take `:` like any other character.
struct Language {
  struct State {
    int on_colon = -1;
    int on_other = -1;
    bool accepting = false;
  };
  std::vector<State> states;
  /// A literal the words begin with (consumed before state 0).
  std::string prefix;
};

Language ArnLanguage(const std::string& partition) {
  Language l;
  l.prefix = "arn:" + partition + ":";
  // 0 service (first char), 1 service, 2 region, 3 account, 4 resource (first), 5 resource.
  l.states = {
      {-1, 1, false}, {2, 1, false}, {3, 2, false}, {4, 3, false}, {5, 5, false}, {5, 5, true},
  };
  return l;
}

Language ActionLanguage() {
  Language l;
  // 0 service (first char), 1 service, 2 action (first char), 3 action.
  l.states = {{-1, 1, false}, {2, 1, false}, {-1, 3, false}, {-1, 3, true}};
  return l;
}

/// The positions of `pattern` (a `*`/`?` glob) reachable after some input: a set of indices,
/// closed under "`*` matches nothing".
using Positions = std::vector<char>;

void Close(const std::string& p, Positions* s) {
  for (size_t i = 0; i < p.size(); ++i) {
    if ((*s)[i] != 0 && p[i] == '*') (*s)[i + 1] = 1;
  }
}

Positions Step(const std::string& p, const Positions& s, char c) {
  Positions next(p.size() + 1, 0);
  for (size_t i = 0; i < p.size(); ++i) {
    if (s[i] == 0) continue;
    if (p[i] == '*') {
      next[i] = 1;
    } else if (p[i] == '?' || p[i] == c) {
      next[i + 1] = 1;
    }
  }
  Close(p, &next);
  return next;
}

/// Whether the glob `p` matches every word of `lang`: a walk over the product of the language's
/// automaton and the pattern's position sets, with the characters the pattern names, `:`, `/`
/// and one character it does not name standing for all others. Patterns too long or too
/// intricate to decide within the budget are taken not to cover (no finding from a guess).
bool Covers(const std::string& p, const Language& lang) {
  constexpr size_t kMaxPattern = 256;
  constexpr size_t kMaxVisited = 4000;
  if (p.size() > kMaxPattern) return false;
  Positions start(p.size() + 1, 0);
  start[0] = 1;
  Close(p, &start);
  for (char c : lang.prefix) start = Step(p, start, c);
  std::string symbols = ":/";
  for (char c : p) {
    if (c != '*' && c != '?' && symbols.find(c) == std::string::npos) symbols += c;
  }
  for (char c = 'a'; c <= 'z'; ++c) {
    if (symbols.find(c) == std::string::npos) {
      symbols += c;  // stands for every character the pattern does not name
      break;
    }
  }
  std::set<std::pair<int, Positions>> seen;
  std::deque<std::pair<int, Positions>> todo;
  todo.emplace_back(0, start);
  seen.insert(todo.back());
  while (!todo.empty()) {
    auto [state, at] = todo.front();
    todo.pop_front();
    if (std::none_of(at.begin(), at.end(), [](char v) { return v != 0; })) return false;
    const Language::State& st = lang.states[static_cast<size_t>(state)];
    if (st.accepting && at[p.size()] == 0) return false;
    for (char c : symbols) {
      const int next = c == ':' ? st.on_colon : st.on_other;
      if (next < 0) continue;
      std::pair<int, Positions> item(next, Step(p, at, c));
      if (seen.insert(item).second) {
        if (seen.size() > kMaxVisited) return false;
        todo.push_back(std::move(item));
      }
    }
  }
  return true;
}

}  // namespace

bool CoversAllActions(std::string_view pattern) {
  // Cheap first: a pattern that misses the shortest action name covers nothing of the kind.
  if (!ActionMatches(pattern, "q:z")) return false;
  std::string p(pattern);
  for (char& c : p) c = AsciiLower(c);
  static const Language kActions = ActionLanguage();
  return Covers(p, kActions);
}

bool CoversWholePartition(std::string_view pattern) {
  static const std::vector<Language> kPartitions = [] {
    std::vector<Language> out;
    for (const char* p : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
                          "aws-iso-f", "aws-eusc"}) {
      out.push_back(ArnLanguage(p));
    }
    return out;
  }();
  const std::string p(pattern);
  return std::any_of(kPartitions.begin(), kPartitions.end(), [&](const Language& l) {
    // Cheap first: a pattern that misses the shortest ARN of the partition covers none of it.
    return GlobMatches(p, l.prefix + "q:::z") && Covers(p, l);
  });
}

bool StatementReaches(const Statement& st, std::string_view action) {
  const bool listed = std::any_of(st.actions.begin(), st.actions.end(),
                                  [&](const std::string& a) { return ActionMatches(a, action); });
  return st.not_action ? !st.actions.empty() && !listed : listed;
}

ConditionOperator ParseConditionOperator(std::string_view op) {
  ConditionOperator out;
  auto strip_prefix = [&](std::string_view prefix) {
    if (op.size() >= prefix.size() && AsciiEqualFold(op.substr(0, prefix.size()), prefix)) {
      op.remove_prefix(prefix.size());
      return true;
    }
    return false;
  };
  out.for_any_value = strip_prefix("ForAnyValue:");
  out.for_all_values = !out.for_any_value && strip_prefix("ForAllValues:");
  constexpr std::string_view kIfExists = "IfExists";
  if (op.size() > kIfExists.size() &&
      AsciiEqualFold(op.substr(op.size() - kIfExists.size()), kIfExists)) {
    out.if_exists = true;
    op.remove_suffix(kIfExists.size());
  }
  out.base = std::string(op);
  out.negated = out.base.find("Not") != std::string::npos;
  return out;
}

namespace {

/// Whether AWS (or the identity provider) sets `key` from who is calling, so that a positive
/// test of it names the callers.
bool CallerKey(const std::string& key, CallerScope scope) {
  // Global keys whose value AWS sets from the caller (or from where it calls), and that a
  // caller cannot choose:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
  static constexpr std::string_view kKeys[] = {
      "aws:sourcearn",
      "aws:sourceaccount",
      "aws:sourceowner",
      "aws:sourceorgid",
      "aws:sourceorgpaths",
      "aws:principalorgid",
      "aws:principalorgpaths",
      "aws:principalaccount",
      "aws:principalarn",
      "aws:principalservicename",
      "aws:principalisawsservice",
      "aws:sourcevpc",
      "aws:sourcevpce",
      "aws:sourceip",
      "aws:vpcsourceip",
      "aws:userid",
      "kms:calleraccount",
      "kms:viaservice",
  };
  for (std::string_view k : kKeys) {
    if (AsciiEqualFold(key, k)) return true;
  }
  if (scope != CallerScope::kTrustPolicy) return false;
  if (AsciiEqualFold(key, "aws:FederatedProvider")) return true;
  // A provider's claim (`accounts.google.com:aud`, `cognito-identity.amazonaws.com:amr`,
  // `saml:sub`): the identity provider asserts it. Other `aws:` and `sts:` keys are the
  // caller's to choose (sts:ExternalId, sts:RoleSessionName, aws:PrincipalTag/...) or say
  // nothing of who calls (aws:SecureTransport).
  // A provider's keys are named by its host (or `saml`); service keys (`s3:x-amz-acl`) are
  // not.
  const size_t colon = key.find(':');
  if (colon == std::string::npos) return false;
  const std::string_view prefix = std::string_view(key).substr(0, colon);
  return AsciiEqualFold(prefix, "saml") || prefix.find('.') != std::string_view::npos;
}

/// Whether the operator lets in callers outside the listed values or without the key.
bool Porous(const ConditionOperator& op) {
  return op.negated || op.if_exists || op.for_all_values || AsciiEqualFold(op.base, "Null");
}

}  // namespace

bool NarrowsCaller(const Statement& st, CallerScope scope) {
  for (const auto& c : st.conditions) {
    if (!Porous(ParseConditionOperator(c.op)) && CallerKey(c.key, scope)) return true;
  }
  return false;
}

std::string CallerLoophole(const Statement& st, CallerScope scope) {
  for (const auto& c : st.conditions) {
    const ConditionOperator op = ParseConditionOperator(c.op);
    if (!CallerKey(c.key, scope) || !Porous(op)) continue;
    if (op.negated) return c.op + " on " + c.key + " lets in every caller not listed";
    if (AsciiEqualFold(op.base, "Null")) {
      return "Null on " + c.key + " tests only whether the key is there";
    }
    return c.op + " on " + c.key + " lets in every caller whose request has no " + c.key;
  }
  return "";
}

}  // namespace iamlint
