// Rules: plain metadata plus one pure check over a scope of the model.
//
// A rule lives in one file under rules/ (named after its ID: rules/amp001_*.cc) and
// registers itself:
//
//   namespace {
//   const RuleInfo kInfo{.id = "AMP001", .name = "ssr-missing-compute-role", ...};
//   void Check(const Scope& scope, Findings& out) {
//     out.Add(kInfo, {.resource = ..., .loc = ..., .message = ..., .hint = ...});
//   }
//   IAMLINT_REGISTER_RULE(kInfo, Check);
//   }
//
// `iamlint rules`, `iamlint explain`, the README's rule table and the SARIF rule metadata
// are all generated from RuleInfo.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/location.h"
#include "model/model.h"

namespace iamlint {

/// A rule's metadata, written with designated initialisers: every field by name, in this
/// order (tests/registry_test.cc checks the rules do).
struct RuleInfo {
  const char* id = "";                   // "AMP001": stable, part of the output contract
  const char* name = "";                 // "ssr-missing-compute-role": stable, kebab-case
  Severity severity = Severity::kError;  // default severity
  const char* summary = "";              // one line
  const char* what = "";                 // what it does
  const char* why = "";                  // why it matters
  const char* example = "";              // an input that triggers it
  const char* fix = "";                  // how to fix it
  /// AWS documentation pages about the problem, the most useful first (SARIF `helpUri`).
  std::vector<std::string> references = {};
};

/// A related place shown with a finding (the policy, the attachment...).
struct Related {
  std::string message;
  Location loc;
};

struct Finding {
  std::string rule;  // ID
  std::string name;
  Severity severity = Severity::kError;
  std::string message;
  std::string resource;  // Terraform address, ARN or appId/branch
  Location loc;
  std::string hint;  // short fix hint
  std::vector<Related> related;
  /// The input file the finding came from (loc.file before source mapping moved loc to a
  /// `.tf` file). Suppression file globs and baseline fingerprints use it.
  std::string input;
  /// Set when a suppression (config or resource tag) matched: the finding stays in the
  /// report, marked, and does not fail the run.
  bool suppressed = false;
  std::string suppression_kind;    // "config" (.iamlint.yaml) or "tag" (iamlint:skip tag)
  std::string suppression_reason;  // the reason the suppression gives
  /// Stable identity for baselines: survives line moves, includes the input file (for a
  /// Terraform input, the root module's folder) and the resource. Set by AssignFingerprints()
  /// in config/baseline.
  std::string fingerprint;
  /// The fingerprint iamlint 0.1.0 gave a Terraform finding (the plan file and JSON pointer in
  /// place of the root folder): baselines written then still match. "" for other inputs.
  std::string legacy_fingerprint;
  /// The Terraform root module the finding's input describes: the folder of its `.tf` files
  /// (a plan or state file's configuration folder; a plan without one stands for itself). ""
  /// for other inputs. A finding has the same fingerprint from a plan and from its root's
  /// source.
  std::string terraform_root;
  /// What, within the resource, the finding is about when the resource can hold several of
  /// the same finding (an environment variable's name, a statement's Sid): part of the
  /// fingerprint, so a new problem in a list does not match an accepted one by position.
  std::string subject;
};

/// Rule options a team sets in `.iamlint.yaml` (`options:`); defaults change nothing.
struct RuleOptions {
  /// Accounts trusted like the role's own: no IAM004 warning for cross-account trust to
  /// them, no AMP006 warning for a compute role in them.
  std::vector<std::string> trusted_accounts;
  /// Concrete actions that also count as application-data access (AMP001, AMP002), e.g.
  /// `es:ESHttpGet` for an OpenSearch-backed app.
  std::vector<std::string> app_data_actions;
  /// Application-data actions the team accepts on a service role (e.g. a build that reads
  /// `ssm:GetParametersByPath`): AMP001 and AMP002 do not count them.
  std::vector<std::string> service_role_duties;
};

/// What a rule says about one problem: `out.Add(kInfo, {.resource = ..., .loc = ...,
/// .message = ..., .hint = ...})`. (Every member has a default, so that a designated
/// initialiser may leave one out without -Wmissing-field-initializers.)
struct NewFinding {
  std::string resource = {};  // Terraform address, ARN or appId/branch
  Location loc = {};
  std::string message = {};
  std::string hint = {};  // short fix hint
  /// A severity other than the rule's default (e.g. a note instead of an error).
  std::optional<Severity> severity = {};
};

/// Collects the findings of one rule run, in bounded memory whatever the input's size.
/// Findings alike -- same rule, severity, resource and document, and the same message once
/// quoted text and numbers are set aside -- are shown one by one up to kShownAlike; more are
/// aggregated into the first, with "(and N more like it in this document)" and the first
/// kRelatedAlike other places as related locations. At most kPerDocument findings of one rule
/// are kept for one document (a policy, or the whole file when not in one); the rest are
/// counted in one note. Deterministic: the first ones added are the ones shown.
class Findings {
 public:
  static constexpr size_t kShownAlike = 5;
  static constexpr size_t kRelatedAlike = 5;
  static constexpr size_t kPerDocument = 200;

  Findings() = default;
  explicit Findings(const RuleOptions* options) : options_(options) {}
  /// The run's rule options (defaults when none were given).
  const RuleOptions& options() const;

  /// Adds a finding; its severity is the rule's default unless `finding.severity` is set.
  /// The reference is valid until the next Add.
  Finding& Add(const RuleInfo& rule, NewFinding finding);
  /// The findings, aggregated as above.
  std::vector<Finding>& list();

 private:
  struct Group {
    size_t count = 0;
    std::vector<size_t> stored;  // indexes into stored_
    std::string document;
  };
  struct Document {
    size_t stored = 0;
    size_t dropped = 0;  // findings of new groups past kPerDocument
    Finding first;       // what the "not shown" note is made from (rule, file, place)
  };
  std::vector<Finding> stored_;
  std::vector<std::string> group_of_;  // each stored finding's group
  std::map<std::string, Group> groups_;
  std::map<std::string, Document> documents_;
  Finding scratch_;  // handed out for findings that are only counted
  std::vector<Finding> list_;
  bool dirty_ = false;
  const RuleOptions* options_ = nullptr;
};

/// How a message names a statement after its policy's name: ` (statement "Sid")`, or ""
/// for a statement without a Sid (the finding's location points at it).
std::string StatementLabel(const Statement& statement);

using CheckFn = void (*)(const Scope& scope, Findings& out);

struct RegisteredRule {
  const RuleInfo* info;
  CheckFn check;
};

/// All registered rules, sorted by ID.
const std::vector<RegisteredRule>& AllRules();
/// The rule with this ID or name (case-insensitive), or nullptr.
const RegisteredRule* FindRule(const std::string& id_or_name);

namespace internal {
bool RegisterRule(const RuleInfo* info, CheckFn check);
}  // namespace internal

#define IAMLINT_REGISTER_RULE(info, fn)                  \
  [[maybe_unused]] const bool iamlint_rule_registered_ = \
      ::iamlint::internal::RegisterRule(&(info), (fn))

/// Sorts by file, line, rule, resource, pointer and message; drops exact repeats.
void SortFindings(std::vector<Finding>* findings);

/// A rule that failed on a scope (an exception: a defect of iamlint, or memory running out).
/// Its findings on that scope are dropped; the run must then end with exit code 2.
struct RuleFailure {
  std::string file;  // the scope's name: its input file, or the AWS account
  std::string message;
};

/// Runs every rule on every scope. With `failures` given, a rule's exception never escapes: it
/// is recorded there and the other rules still run (without, it propagates). Findings are
/// sorted deterministically.
std::vector<Finding> RunRules(const Model& model, const RuleOptions& options = RuleOptions(),
                              std::vector<RuleFailure>* failures = nullptr);

namespace internal {
/// RunRules over the given rules instead of the registry (tests).
std::vector<Finding> RunRuleList(const std::vector<RegisteredRule>& rules, const Model& model,
                                 const RuleOptions& options, std::vector<RuleFailure>* failures);
}  // namespace internal

}  // namespace iamlint
