// `.iamlint.yaml`: what a team enables, how severe, which files, and what it has accepted.
//
//   rules:                 # by ID or name: off | on | error | warning | note,
//     IAM008: off          #   or {enabled: BOOL, severity: LEVEL}
//     AMP007: error
//   options:
//     trusted_accounts: ["210987654321"]
//     app_data_actions: ["es:ESHttpGet"]
//     service_role_duties: ["ssm:GetParametersByPath"]
//   include: ["envs/**/*.json"]     # globs, relative to the file's folder
//   exclude: ["**/testdata/**"]
//   fail_on: warning                # error | warning | note | never
//   suppressions:
//     - rule: AMP002
//       resource: aws_iam_role_policy_attachment.service_*   # address or ARN, glob
//       file: envs/dev/*.json                                # optional
//       reason: tracked in TICKET-123
//       expires: 2027-01-31                                  # optional
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/load_error.h"
#include "core/location.h"
#include "rules/rule.h"

namespace iamlint {

/// A finding the team has accepted.
struct Suppression {
  std::string rule;      // rule ID (names are resolved to IDs when read)
  std::string resource;  // glob (`*`, `?`) over the finding's resource; "" = any
  std::string file;      // path glob over the finding's file; "" = any
  std::string reason;    // required
  std::string expires;   // YYYY-MM-DD, inclusive; "" = never
  size_t line = 0;       // of the entry in the config file
};

struct RuleSetting {
  bool enabled = true;
  bool has_severity = false;
  Severity severity = Severity::kError;
};

struct Config {
  std::string path;  // the file read; "" when none
  std::string dir;   // the folder globs are relative to (the file's, else the working folder)
  std::map<std::string, RuleSetting> rules;  // by rule ID
  RuleOptions options;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::string fail_on;  // "" when not set
  std::vector<Suppression> suppressions;
};

/// The nearest `.iamlint.yaml` (or `.iamlint.yml`) from `start_dir` upward; "" when none.
std::string FindConfig(const std::string& start_dir);

/// Reads a configuration file. Unknown keys, bad values and missing reasons are errors with
/// the file and line (exit code 2).
bool LoadConfig(const std::string& path, Config* out, std::vector<LoadError>* errors);
/// The same from the file's text (`path` names it in errors); `out->path`/`dir` are left alone.
bool ParseConfig(const std::string& text, const std::string& path, Config* out,
                 std::vector<LoadError>* errors);

/// Whether the include/exclude globs let `path` be read (always true without globs).
bool ConfigAcceptsFile(const Config& config, const std::string& path);

/// Drops findings of disabled rules and applies severity overrides.
void ApplyRuleSettings(const Config& config, std::vector<Finding>* findings);

/// Today's date in UTC as YYYY-MM-DD.
std::string TodayUtc();

}  // namespace iamlint
