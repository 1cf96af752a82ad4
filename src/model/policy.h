// IAM policy documents, normalised once so that every rule reads one shape: the plain data.
// Reading them from JSON is policy/parse.h's, matching and evaluating them policy/'s too.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/location.h"

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
  /// Of the core: its Effect, or its Action / NotAction list, is unknown -- it may concern any
  /// action. Without it, a statement with an unknown core concerns only the actions it lists.
  bool unknown_actions = false;
  /// Of the core: its Resource / NotResource list is unknown.
  bool unknown_resources = false;
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

}  // namespace iamlint
