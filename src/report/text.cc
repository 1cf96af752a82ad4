#include <algorithm>
#include <cstddef>
#include <iomanip>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include "report/report.h"
#include "report/sanitize.h"

namespace iamlint {
namespace {

const char* Color(Severity s) {
  switch (s) {
    case Severity::kError:
      return "\033[1;31m";
    case Severity::kWarning:
      return "\033[1;33m";
    case Severity::kNote:
      return "\033[1;36m";
  }
  return "";
}

}  // namespace

void WriteText(const Report& input, std::ostream& out, bool color) {
  // Input text is shown with its control characters visible: only the colour codes below
  // reach the terminal as escape sequences.
  const Report report = VisibleReport(input);
  const char* bold = color ? "\033[1m" : "";
  const char* dim = color ? "\033[2m" : "";
  const char* reset = color ? "\033[0m" : "";
  std::map<Severity, size_t> counts;
  size_t suppressed = 0;
  for (const auto& f : report.findings) {
    if (f.suppressed) {
      ++suppressed;  // accepted by the team: counted, not listed (JSON and SARIF list them)
      continue;
    }
    ++counts[f.severity];
    out << bold << FormatPlace(f.loc) << ":" << reset << " " << (color ? Color(f.severity) : "")
        << SeverityName(f.severity) << reset << " " << bold << f.rule << reset << " " << f.message
        << " [" << f.name << "]\n";
    out << "    " << dim << "resource:" << reset << " " << f.resource << "\n";
    for (const auto& r : f.related) {
      out << "    " << dim << "see:" << reset << " " << FormatPlace(r.loc) << " (" << r.message
          << ")\n";
    }
    if (!f.hint.empty()) out << "    " << dim << "fix:" << reset << " " << f.hint << "\n";
  }
  for (const auto& e : report.errors) {
    out << bold << FormatPlace(e.file, e.line, e.column) << ":" << reset << " "
        << (color ? Color(Severity::kError) : "") << "input error" << reset << " " << e.message;
    if (!e.pointer.empty()) out << " (at " << e.pointer << ")";
    out << "\n";
  }
  for (const auto& n : report.notices) {
    out << bold << (n.file.empty() ? "iamlint" : FormatPlace(n.file, n.line)) << ":" << reset << " "
        << (color ? Color(Severity::kWarning) : "") << "notice" << reset << " " << n.message
        << "\n";
  }
  for (const auto& a : report.baseline.absent) {
    out << bold << report.baseline.file << ":" << reset << " "
        << (color ? Color(Severity::kNote) : "") << "notice" << reset << " baseline entry no "
        << "longer occurs (fixed?): " << a.rule << " on " << a.resource << " in " << a.input
        << "\n";
  }
  const bool listed = counts[Severity::kError] + counts[Severity::kWarning] +
                          counts[Severity::kNote] + report.errors.size() + report.notices.size() +
                          report.baseline.absent.size() >
                      0;
  out << (listed ? "\n" : "") << "iamlint: " << report.files_loaded
      << (report.files_loaded == 1 ? " file" : " files") << " checked";
  if (report.files_skipped > 0) out << ", " << report.files_skipped << " skipped (not an input)";
  out << ": " << counts[Severity::kError] << " error(s), " << counts[Severity::kWarning]
      << " warning(s), " << counts[Severity::kNote] << " note(s)";
  if (suppressed > 0) out << ", " << suppressed << " suppressed";
  if (!report.errors.empty()) out << ", " << report.errors.size() << " input error(s)";
  out << "\n";
  if (!report.baseline.file.empty()) {
    out << "iamlint: baseline " << report.baseline.file << " held back " << report.baseline.matched
        << " known finding(s); " << report.baseline.absent.size()
        << " of its entries no longer occur\n";
  }
}

void WriteRuleList(std::ostream& out) {
  // Columns as wide as their longest entry, two spaces apart.
  std::size_t id_width = 0;
  std::size_t name_width = 0;
  for (const auto& r : AllRules()) {
    id_width = std::max(id_width, std::string_view(r.info->id).size());
    name_width = std::max(name_width, std::string_view(r.info->name).size());
  }
  const auto column = [](std::size_t width) { return static_cast<int>(width + 2); };
  for (const auto& r : AllRules()) {
    out << std::left << std::setw(column(id_width)) << r.info->id << std::setw(column(name_width))
        << r.info->name << std::setw(column(std::string_view("warning").size()))
        << SeverityName(r.info->severity) << r.info->summary << "\n";
  }
}

void WriteExplain(const RuleInfo& rule, std::ostream& out) {
  out << rule.id << " " << rule.name << " (" << SeverityName(rule.severity) << ")\n"
      << rule.summary << "\n\n"
      << "What it does\n  " << rule.what << "\n\n"
      << "Why it matters\n  " << rule.why << "\n\n"
      << "Example\n";
  std::istringstream ex(rule.example);
  for (std::string line; std::getline(ex, line);) out << "    " << line << "\n";
  out << "\nFix\n  " << rule.fix << "\n";
  if (!rule.references.empty()) out << "\nReferences\n";
  for (const auto& url : rule.references) out << "  " << url << "\n";
}

std::string RuleTableMarkdown() {
  std::ostringstream out;
  out << "| ID | name | severity | summary |\n|---|---|---|---|\n";
  for (const auto& r : AllRules()) {
    out << "| " << r.info->id << " | `" << r.info->name << "` | " << SeverityName(r.info->severity)
        << " | " << r.info->summary << " |\n";
  }
  return out.str();
}

}  // namespace iamlint
