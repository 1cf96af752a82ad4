// A Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY.
#include "report/report.h"
#include "report/sanitize.h"

namespace iamlint {
namespace {

/// Input text in a table cell or a list item: an inline code span, in which GitHub makes
/// nothing live (see MarkdownCode).
std::string Cell(const std::string& s) { return MarkdownCode(s, true); }
std::string Item(const std::string& s) { return MarkdownCode(s, false); }

}  // namespace

void WriteMarkdown(const Report& report, std::ostream& out) {
  size_t counts[3] = {0, 0, 0};
  size_t suppressed = 0;
  for (const auto& f : report.findings) {
    if (f.suppressed) {
      ++suppressed;
    } else {
      ++counts[static_cast<int>(f.severity)];
    }
  }
  out << "## iamlint\n\n"
      << "**" << counts[2] << "** error(s), **" << counts[1] << "** warning(s), **" << counts[0]
      << "** note(s)";
  if (suppressed > 0) out << ", " << suppressed << " suppressed";
  if (!report.errors.empty()) out << ", **" << report.errors.size() << "** input error(s)";
  out << " in " << report.files_loaded << (report.files_loaded == 1 ? " file" : " files");
  if (!report.baseline.file.empty()) {
    out << "; the baseline held back " << report.baseline.matched << " known finding(s)";
  }
  out << ".\n\n";
  if (counts[0] + counts[1] + counts[2] == 0 && report.errors.empty()) {
    out << "No findings.\n";
  } else if (counts[0] + counts[1] + counts[2] > 0) {
    out << "| severity | rule | resource | location | message |\n"
        << "|---|---|---|---|---|\n";
    for (const auto& f : report.findings) {
      if (f.suppressed) continue;
      out << "| " << SeverityName(f.severity) << " | " << f.rule << " " << Cell(f.name) << " | "
          << Cell(f.resource) << " | " << Cell(FormatPlace(f.loc)) << " | " << Cell(f.message)
          << " |\n";
    }
  }
  if (!report.errors.empty()) {
    out << "\n### Input errors\n\n";
    for (const auto& e : report.errors) {
      out << "- " << Item(FormatPlace(e.file, e.line, e.column)) << ": " << Item(e.message) << "\n";
    }
  }
  if (!report.notices.empty() || !report.baseline.absent.empty()) {
    out << "\n### Notices\n\n";
    for (const auto& n : report.notices) {
      out << "- " << (n.file.empty() ? "" : Item(FormatPlace(n.file, n.line)) + ": ")
          << Item(n.message) << "\n";
    }
    for (const auto& a : report.baseline.absent) {
      out << "- baseline entry no longer occurs (fixed?): " << Item(a.rule) << " on "
          << Item(a.resource) << " in " << Item(a.input) << "\n";
    }
  }
  if (suppressed > 0) {
    out << "\n<details><summary>" << suppressed << " suppressed finding(s)</summary>\n\n"
        << "| rule | resource | reason |\n|---|---|---|\n";
    for (const auto& f : report.findings) {
      if (!f.suppressed) continue;
      out << "| " << f.rule << " | " << Cell(f.resource) << " | " << Cell(f.suppression_reason)
          << " |\n";
    }
    out << "\n</details>\n";
  }
}

}  // namespace iamlint
