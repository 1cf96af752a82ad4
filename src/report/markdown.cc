// A Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY.
#include "report/report.h"

namespace iamlint {
namespace {

/// A table cell: no line breaks, `|` escaped, HTML-significant characters neutralised.
std::string Cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '|':
        out += "\\|";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '`':
        out += "'";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Code(const std::string& s) { return s.empty() ? "" : "`" + Cell(s) + "`"; }

std::string Where(const Location& loc) {
  return Code(loc.line > 0 ? loc.file + ":" + std::to_string(loc.line) : loc.file);
}

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
          << Code(f.resource) << " | " << Where(f.loc) << " | " << Cell(f.message) << " |\n";
    }
  }
  if (!report.errors.empty()) {
    out << "\n### Input errors\n\n";
    for (const auto& e : report.errors) {
      out << "- " << Where(Location{e.file, e.pointer, e.line}) << ": " << Cell(e.message) << "\n";
    }
  }
  if (!report.notices.empty() || !report.baseline.absent.empty()) {
    out << "\n### Notices\n\n";
    for (const auto& n : report.notices) {
      out << "- " << (n.file.empty() ? "" : Where(Location{n.file, "", n.line}) + ": ")
          << Cell(n.message) << "\n";
    }
    for (const auto& a : report.baseline.absent) {
      out << "- baseline entry no longer occurs (fixed?): " << a.rule << " on " << Code(a.resource)
          << " in " << Code(a.input) << "\n";
    }
  }
  if (suppressed > 0) {
    out << "\n<details><summary>" << suppressed << " suppressed finding(s)</summary>\n\n"
        << "| rule | resource | reason |\n|---|---|---|\n";
    for (const auto& f : report.findings) {
      if (!f.suppressed) continue;
      out << "| " << f.rule << " | " << Code(f.resource) << " | " << Cell(f.suppression_reason)
          << " |\n";
    }
    out << "\n</details>\n";
  }
}

}  // namespace iamlint
