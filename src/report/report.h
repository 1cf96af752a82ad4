// Reporters: print findings and input errors. They read a Report only.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/load_error.h"
#include "rules/rule.h"

namespace iamlint {

/// Something about the run itself rather than the inputs: an expired or unused suppression,
/// a baseline entry that no longer occurs. Shown by every format; never changes the exit code.
struct Notice {
  std::string file;  // the config or baseline file it is about
  size_t line = 0;   // 0 when unknown
  std::string message;
};

/// A rule that ran, with the severity the configuration gives it.
struct RuleRun {
  const RuleInfo* info = nullptr;
  Severity severity = Severity::kError;
};

/// What `check --baseline FILE` did.
struct BaselineSummary {
  std::string file;    // empty: no baseline used
  size_t matched = 0;  // findings left out of `findings` because the baseline has them
  /// Baseline entries no finding matched any more (fixed, or the resource is gone): rule,
  /// resource, input, message and fingerprint are filled.
  std::vector<Finding> absent;
};

struct Report {
  /// Sorted; suppressed findings stay here, marked `suppressed`.
  std::vector<Finding> findings;
  std::vector<LoadError> errors;
  size_t files_loaded = 0;
  size_t files_skipped = 0;
  /// The input files read, in command-line/walk order (JUnit: one test suite each).
  std::vector<std::string> inputs;
  /// The rules that ran, by ID (disabled rules are left out).
  std::vector<RuleRun> rules;
  std::vector<Notice> notices;
  BaselineSummary baseline;
};

struct ReportOptions {
  bool color = false;
  /// SARIF: result paths are made relative to this folder (default: the working folder) and
  /// given the uriBaseId SRCROOT.
  std::string sarif_root;
};

/// Compiler-style text: `file:line: severity RULE message`, the resource and a fix hint.
void WriteText(const Report& report, std::ostream& out, bool color);
/// One JSON object: {"version", "findings", "errors", "notices", "baseline", "summary"}.
void WriteJson(const Report& report, std::ostream& out);
/// SARIF 2.1.0: one run, the tool driver with every rule's metadata and help, results with
/// `level` and a numeric `security-severity`, suppressed results carried as `suppressions`.
void WriteSarif(const Report& report, std::ostream& out, const ReportOptions& options);
/// JUnit XML: one <testsuite> per input, one <testcase> per rule that ran on it, a <failure>
/// per unsuppressed finding; input errors are <error>s.
void WriteJunit(const Report& report, std::ostream& out);
/// GitHub Actions workflow commands: `::error file=F,line=N,title=T::message` per finding.
void WriteGithub(const Report& report, std::ostream& out);
/// A Markdown summary (counts, then a table of findings) for a pull-request comment or
/// $GITHUB_STEP_SUMMARY.
void WriteMarkdown(const Report& report, std::ostream& out);
/// GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of {description,
/// check_name, fingerprint, severity, location: {path, lines: {begin}}}; paths relative to
/// options.sarif_root (default: the working folder).
void WriteGitlab(const Report& report, std::ostream& out, const ReportOptions& options);

/// The formats `check --format` accepts: text, json, sarif, junit, github, markdown, gitlab.
const std::vector<std::string>& ReportFormats();
/// Writes `report` in `format` (one of ReportFormats()).
void WriteReport(const std::string& format, const Report& report, std::ostream& out,
                 const ReportOptions& options);

/// `iamlint rules` listing and `iamlint explain ID` text.
void WriteRuleList(std::ostream& out);
void WriteExplain(const RuleInfo& rule, std::ostream& out);
/// The README's rule table (Markdown), generated from the rule metadata.
std::string RuleTableMarkdown();

}  // namespace iamlint
