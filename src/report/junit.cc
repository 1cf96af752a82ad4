// JUnit XML, as CI systems (GitLab, Jenkins, Azure Pipelines...) show test reports: one suite
// per input file, one test case per rule that ran on it.
#include <algorithm>
#include <map>
#include <sstream>

#include "report/report.h"
#include "report/sanitize.h"

namespace iamlint {
namespace {}  // namespace

void WriteJunit(const Report& input_report, std::ostream& out) {
  // Control characters from the inputs are shown visibly (XML 1.0 forbids most of them, and
  // CI pages print the text to a log view).
  const Report report = VisibleReport(input_report);
  // input file -> rule -> its findings
  std::map<std::string, std::map<std::string, std::vector<const Finding*>>> by_input;
  for (const auto& f : report.findings) {
    by_input[f.input.empty() ? f.loc.file : f.input][f.rule].push_back(&f);
  }
  std::map<std::string, std::vector<const LoadError*>> errors;
  for (const auto& e : report.errors) errors[e.file].push_back(&e);

  std::vector<std::string> inputs = report.inputs;
  for (const auto& [file, unused] : errors) {
    if (std::find(inputs.begin(), inputs.end(), file) == inputs.end()) inputs.push_back(file);
  }
  for (const auto& [file, unused] : by_input) {
    if (std::find(inputs.begin(), inputs.end(), file) == inputs.end()) inputs.push_back(file);
  }

  std::ostringstream body;
  size_t total_tests = 0;
  size_t total_failures = 0;
  size_t total_errors = 0;
  for (const auto& input : inputs) {
    std::ostringstream cases;
    size_t tests = 0;
    size_t failures = 0;
    size_t errs = 0;
    size_t skipped = 0;
    auto err_it = errors.find(input);
    if (err_it != errors.end()) {
      ++tests;
      ++errs;
      std::ostringstream text;
      for (const LoadError* e : err_it->second) {
        text << (e->line > 0 ? e->file + ":" + std::to_string(e->line) : e->file) << ": "
             << e->message << (e->pointer.empty() ? "" : " (at " + e->pointer + ")") << "\n";
      }
      cases << "    <testcase classname=\"" << XmlEscape(input) << "\" name=\"load\">\n"
            << "      <error message=\"" << XmlEscape(err_it->second.front()->message)
            << "\" type=\"input-error\">" << XmlEscape(text.str()) << "</error>\n"
            << "    </testcase>\n";
    }
    // A file read (or one findings name although the inputs list lacks it) gets its cases.
    auto rule_findings = by_input.find(input);
    const bool loaded =
        std::find(report.inputs.begin(), report.inputs.end(), input) != report.inputs.end() ||
        rule_findings != by_input.end();
    if (loaded) {
      for (const auto& run : report.rules) {
        ++tests;
        const std::string id = run.info->id;
        cases << "    <testcase classname=\"" << XmlEscape(input) << "\" name=\"" << id << " "
              << run.info->name << "\"";
        std::vector<const Finding*> open;
        std::vector<const Finding*> accepted;
        if (rule_findings != by_input.end()) {
          auto it = rule_findings->second.find(id);
          if (it != rule_findings->second.end()) {
            for (const Finding* f : it->second) (f->suppressed ? accepted : open).push_back(f);
          }
        }
        if (open.empty() && accepted.empty()) {
          cases << "/>\n";
          continue;
        }
        cases << ">\n";
        if (!open.empty()) {
          ++failures;
          std::ostringstream text;
          for (const Finding* f : open) {
            text << FormatPlace(f->loc) << ": " << SeverityName(f->severity) << " " << f->message
                 << "\n    resource: " << f->resource << "\n";
            if (!f->hint.empty()) text << "    fix: " << f->hint << "\n";
          }
          std::string message = std::to_string(open.size()) + " finding" +
                                (open.size() == 1 ? "" : "s") + ": " + open.front()->message;
          cases << "      <failure message=\"" << XmlEscape(message) << "\" type=\"" << id << "\">"
                << XmlEscape(text.str()) << "</failure>\n";
        } else {
          // The Jenkins schema's <skipped> is text only (no message attribute): the reason goes
          // in its body.
          ++skipped;
          cases << "      <skipped>suppressed: " << XmlEscape(accepted.front()->suppression_reason)
                << "</skipped>\n";
        }
        cases << "    </testcase>\n";
      }
    }
    body << "  <testsuite name=\"" << XmlEscape(input) << "\" tests=\"" << tests << "\" failures=\""
         << failures << "\" errors=\"" << errs << "\" skipped=\"" << skipped << "\">\n"
         << cases.str() << "  </testsuite>\n";
    total_tests += tests;
    total_failures += failures;
    total_errors += errs;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"iamlint\" tests=\"" << total_tests << "\" failures=\""
      << total_failures << "\" errors=\"" << total_errors << "\">\n"
      << body.str() << "</testsuites>\n";
}

}  // namespace iamlint
