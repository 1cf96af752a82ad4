// The pipeline as one library call: load -> rules -> rule settings -> fingerprints ->
// suppressions -> source mapping (-> baseline). The command line, the tests and the fuzz
// targets all run it; it prints nothing and knows nothing of arguments or exit codes.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "core/progress.h"
#include "load/load.h"
#include "report/report.h"
#include "rules/rule.h"

namespace iamlint {

struct LintRequest {
  /// Files and folders to read. Ignored when `buffers` is not empty.
  std::vector<std::string> paths;
  /// In-memory inputs as (name, bytes), each as if named explicitly (fuzzing, tests).
  std::vector<std::pair<std::string, std::string>> buffers;

  /// What the team configured: rule settings, rule options (`config.options`), include and
  /// exclude globs (relative to `config.dir`), suppressions. Reading `.iamlint.yaml` is the
  /// caller's part.
  Config config;
  /// `iamlint baseline` file whose findings are marked as such; read only when the run found
  /// no input error. "" = none.
  std::string baseline;
  /// The folder finding fingerprints are relative to; "" = the baseline's folder, else the
  /// working folder.
  std::string fingerprint_dir;
  /// YYYY-MM-DD, for suppressions' `expires`; "" = today (UTC).
  std::string today;
  /// Findings on plan resources point at their `.tf` blocks (when a folder is known).
  bool source_mapping = true;

  InputKind force = InputKind::kUnknown;  // kUnknown = recognise each file by content
  /// Terraform configuration folder for source mapping; "" = each plan's own folder.
  std::string tf_dir;
  /// Terraform source (see LoadOptions): -var / -var-file in order, TF_VAR_ values, workspace.
  std::vector<std::pair<bool, std::string>> tf_var_args;
  std::map<std::string, std::string> tf_env_vars;
  std::string tf_workspace;
  /// Named files that are not inputs are skipped and counted instead of being errors.
  bool skip_unrecognised = false;

  /// Called with the loader's counters as reading starts, and with nullptr when it ends
  /// (a progress line watches them meanwhile).
  std::function<void(const LoadProgress*)> progress;
};

struct LintReport {
  /// What the reporters print: findings (sorted, suppressed ones marked), input errors
  /// (rule failures and baseline errors among them), files checked and skipped, the inputs,
  /// the rules that ran, notices and the baseline summary.
  Report report;
  /// Rules that threw, also listed in `report.errors`.
  std::vector<RuleFailure> rule_failures;
  /// Plan or state file -> the Terraform folder behind it (read for source mapping).
  std::map<std::string, std::string> plan_dirs;
};

LintReport Lint(const LintRequest& request);

/// The absolute, normalised folder of a file: what a baseline's fingerprints are relative to.
std::string FolderOf(const std::string& file);

}  // namespace iamlint
