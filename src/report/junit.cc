// JUnit XML, as CI systems (GitLab, Jenkins, Azure Pipelines...) show test reports: one suite
// per input file, one test case per rule that ran on it.
#include <algorithm>
#include <map>
#include <sstream>

#include "report/report.h"
#include "report/sanitize.h"

namespace iamlint {
namespace {

/// A rule's findings on one input, by rule ID.
using RuleFindings = std::map<std::string, std::vector<const Finding*>>;

/// One suite's counts of test cases by outcome.
struct SuiteCounts {
  size_t tests = 0;
  size_t failures = 0;
  size_t errors = 0;
  size_t skipped = 0;
};

/// The suites, in order: the inputs read, then files with input errors, then files findings
/// name, each once.
std::vector<std::string> SuiteInputs(
    const Report& report, const std::map<std::string, RuleFindings>& by_input,
    const std::map<std::string, std::vector<const LoadError*>>& errors) {
  std::vector<std::string> inputs = report.inputs;
  for (const auto& [file, unused] : errors) {
    if (std::find(inputs.begin(), inputs.end(), file) == inputs.end()) inputs.push_back(file);
  }
  for (const auto& [file, unused] : by_input) {
    if (std::find(inputs.begin(), inputs.end(), file) == inputs.end()) inputs.push_back(file);
  }
  return inputs;
}

/// The "load" test case of an input with input errors.
void WriteLoadCase(const std::string& input, const std::vector<const LoadError*>& errors,
                   std::ostream& cases) {
  std::ostringstream text;
  for (const LoadError* e : errors) {
    text << (e->line > 0 ? e->file + ":" + std::to_string(e->line) : e->file) << ": " << e->message
         << (e->pointer.empty() ? "" : " (at " + e->pointer + ")") << "\n";
  }
  cases << "    <testcase classname=\"" << XmlEscape(input) << "\" name=\"load\">\n"
        << "      <error message=\"" << XmlEscape(errors.front()->message)
        << "\" type=\"input-error\">" << XmlEscape(text.str()) << "</error>\n"
        << "    </testcase>\n";
}

/// The test case of one rule on one input: passed, failed (open findings) or skipped (only
/// suppressed ones). `findings` is the input's findings, or null when it has none.
void WriteRuleCase(const std::string& input, const RuleRun& run, const RuleFindings* findings,
                   std::ostream& cases, SuiteCounts& counts) {
  ++counts.tests;
  const std::string id = run.info->id;
  cases << "    <testcase classname=\"" << XmlEscape(input) << "\" name=\"" << id << " "
        << run.info->name << "\"";
  std::vector<const Finding*> open;
  std::vector<const Finding*> accepted;
  if (findings != nullptr) {
    auto it = findings->find(id);
    if (it != findings->end()) {
      for (const Finding* f : it->second) (f->suppressed ? accepted : open).push_back(f);
    }
  }
  if (open.empty() && accepted.empty()) {
    cases << "/>\n";
    return;
  }
  cases << ">\n";
  if (!open.empty()) {
    ++counts.failures;
    std::ostringstream text;
    for (const Finding* f : open) {
      text << FormatPlace(f->loc) << ": " << SeverityName(f->severity) << " " << f->message
           << "\n    resource: " << f->resource << "\n";
      if (!f->hint.empty()) text << "    fix: " << f->hint << "\n";
    }
    std::string message = std::to_string(open.size()) + " finding" + (open.size() == 1 ? "" : "s") +
                          ": " + open.front()->message;
    cases << "      <failure message=\"" << XmlEscape(message) << "\" type=\"" << id << "\">"
          << XmlEscape(text.str()) << "</failure>\n";
  } else {
    // The Jenkins schema's <skipped> is text only (no message attribute): the reason goes
    // in its body.
    ++counts.skipped;
    cases << "      <skipped>suppressed: " << XmlEscape(accepted.front()->suppression_reason)
          << "</skipped>\n";
  }
  cases << "    </testcase>\n";
}

}  // namespace

void WriteJunit(const Report& input_report, std::ostream& out) {
  // Control characters from the inputs are shown visibly (XML 1.0 forbids most of them, and
  // CI pages print the text to a log view).
  const Report report = VisibleReport(input_report);
  // input file -> rule -> its findings
  std::map<std::string, RuleFindings> by_input;
  for (const auto& f : report.findings) {
    by_input[f.input.empty() ? f.loc.file : f.input][f.rule].push_back(&f);
  }
  std::map<std::string, std::vector<const LoadError*>> errors;
  for (const auto& e : report.errors) errors[e.file].push_back(&e);

  std::ostringstream body;
  size_t total_tests = 0;
  size_t total_failures = 0;
  size_t total_errors = 0;
  for (const auto& input : SuiteInputs(report, by_input, errors)) {
    std::ostringstream cases;
    SuiteCounts counts;
    auto err_it = errors.find(input);
    if (err_it != errors.end()) {
      ++counts.tests;
      ++counts.errors;
      WriteLoadCase(input, err_it->second, cases);
    }
    // A file read (or one findings name although the inputs list lacks it) gets its cases.
    auto rule_findings = by_input.find(input);
    const bool loaded =
        std::find(report.inputs.begin(), report.inputs.end(), input) != report.inputs.end() ||
        rule_findings != by_input.end();
    if (loaded) {
      const RuleFindings* findings =
          rule_findings != by_input.end() ? &rule_findings->second : nullptr;
      for (const auto& run : report.rules) WriteRuleCase(input, run, findings, cases, counts);
    }
    body << "  <testsuite name=\"" << XmlEscape(input) << "\" tests=\"" << counts.tests
         << "\" failures=\"" << counts.failures << "\" errors=\"" << counts.errors
         << "\" skipped=\"" << counts.skipped << "\">\n"
         << cases.str() << "  </testsuite>\n";
    total_tests += counts.tests;
    total_failures += counts.failures;
    total_errors += counts.errors;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"iamlint\" tests=\"" << total_tests << "\" failures=\""
      << total_failures << "\" errors=\"" << total_errors << "\">\n"
      << body.str() << "</testsuites>\n";
}

}  // namespace iamlint
