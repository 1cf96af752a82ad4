// IAM policy documents, normalised once so that every rule reads one shape.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.h"
#include "core/wildcard.h"
#include "json/json.h"

namespace iamlint {

enum class Effect { kAllow, kDeny, kInvalid };

/// A `Principal` / `NotPrincipal` element. `any` is `"*"` (or `{"AWS": "*"}`).
struct Principal {
  bool present = false;
  bool any = false;  // `"*"` or `{"AWS": "*"}`: everyone
  /// "AWS", "Service", "Federated", "CanonicalUser" -> identifiers.
  std::map<std::string, std::vector<std::string>> ids;
};

/// One `Condition` entry: operator -> key -> values.
struct Condition {
  std::string op;   // e.g. "StringEquals", "ForAnyValue:StringLike", "ArnLikeIfExists"
  std::string key;  // e.g. "aws:SourceArn"
  std::vector<std::string> values;
};

struct Statement {
  Location loc;
  std::string sid;
  Effect effect = Effect::kInvalid;
  bool not_action = false;  // the list below is NotAction
  std::vector<std::string> actions;
  bool not_resource = false;  // the list below is NotResource
  bool has_resource = false;
  std::vector<std::string> resources;
  bool not_principal = false;  // `principal` is NotPrincipal
  Principal principal;
  std::vector<Condition> conditions;
  /// Parts of the statement are unknown (e.g. a plan value known only at apply).
  bool partially_unknown = false;
  /// Its effect, actions, resources or principals are unknown (not just a condition value
  /// or the Sid): what it grants cannot be told.
  bool unknown_core = false;
};

/// A whole policy document.
struct PolicyDocument {
  Location loc;
  std::string version;
  std::vector<Statement> statements;
  /// Some statements or values are unknown; absent permissions cannot be concluded.
  bool partially_unknown = false;
  /// Whole statements may be missing from view (unknown statement list, merged source or
  /// override documents, dynamic blocks).
  bool unknown_statements = false;
  /// Shape problems met while normalising (e.g. "Statement is a string"), each located at its
  /// statement (or at the document when it is not inside one).
  struct Problem {
    std::string message;
    Location loc;
  };
  std::vector<Problem> problems;
  /// Built on first use by the rules' same-document Deny check (rules/analysis.cc) so that it
  /// is not quadratic in the statements; it checks itself against `statements` before use.
  mutable std::shared_ptr<struct DenyIndex> deny_index;
};

/// Builds a PolicyDocument from a parsed JSON/YAML value. `loc` locates the
/// document; statements get `loc.pointer + "/Statement/N"` and their line via
/// `lines` (may be null when the value was not parsed from the located text).
PolicyDocument PolicyFromJson(const json::Value& doc, const Location& loc,
                              const json::LineIndex* lines);

/// Decodes a policy document given as text: JSON, or URL-encoded JSON (as the
/// IAM API returns it). On failure returns false and sets `error`.
bool ParsePolicyText(std::string_view text, json::Document* out, std::string* error);

/// Case-insensitive IAM action match with `*` and `?` wildcards in `pattern`.
inline bool ActionMatches(std::string_view pattern, std::string_view action) {
  return WildcardMatch(pattern, action, /*case_insensitive=*/true);
}
/// Case-sensitive glob match (`*`, `?`) as IAM uses for resource ARNs.
inline bool GlobMatches(std::string_view pattern, std::string_view text) {
  return WildcardMatch(pattern, text, /*case_insensitive=*/false);
}
/// True when every string `inner` can match is also matched by `outer` (see WildcardCovers).
inline bool GlobCovers(std::string_view outer, std::string_view inner, bool case_insensitive) {
  return WildcardCovers(outer, inner, case_insensitive);
}

}  // namespace iamlint
