// GitHub Actions workflow commands: annotations on the pull request's files.
#include "report/report.h"
#include "report/sanitize.h"

namespace iamlint {
namespace {

const char* Command(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "notice";
  }
  return "notice";
}

void Annotate(std::ostream& out, const char* command, const std::string& file, size_t line,
              size_t column, const std::string& title, const std::string& message) {
  out << "::" << command;
  const char* sep = " ";
  if (!file.empty()) {
    out << sep << "file=" << GithubProperty(file);
    sep = ",";
    if (line > 0) out << ",line=" << line;
    if (line > 0 && column > 0) out << ",col=" << column;
  }
  if (!title.empty()) out << sep << "title=" << GithubProperty(title);
  out << "::" << GithubData(message) << "\n";
}

}  // namespace

void WriteGithub(const Report& input, std::ostream& out) {
  // Input text loses its control characters (shown visibly) before the runner's escaping, so
  // no input can end a command line, start one (`::error`, `::stop-commands::`) or send
  // escape sequences to the log viewer; only the line breaks written here become %0A.
  const Report report = VisibleReport(input);
  size_t counts[3] = {0, 0, 0};
  size_t suppressed = 0;
  for (const auto& f : report.findings) {
    if (f.suppressed) {
      ++suppressed;
      continue;
    }
    ++counts[static_cast<int>(f.severity)];
    std::string message = f.message + " (resource: " + f.resource + ")";
    if (!f.hint.empty()) message += "\nFix: " + f.hint;
    Annotate(out, Command(f.severity), f.loc.file, f.loc.line, f.loc.column, f.rule + " " + f.name,
             message);
  }
  for (const auto& e : report.errors) {
    Annotate(out, "error", e.file, e.line, e.column, "iamlint input error",
             e.message + (e.pointer.empty() ? "" : " (at " + e.pointer + ")"));
  }
  for (const auto& n : report.notices) {
    Annotate(out, "warning", n.file, n.line, 0, "iamlint configuration", n.message);
  }
  for (const auto& a : report.baseline.absent) {
    Annotate(out, "notice", report.baseline.file, 0, 0, "iamlint baseline",
             "baseline entry no longer occurs (fixed?): " + a.rule + " on " + a.resource + " in " +
                 a.input);
  }
  out << "iamlint: " << report.files_loaded << (report.files_loaded == 1 ? " file" : " files")
      << " checked: " << counts[2] << " error(s), " << counts[1] << " warning(s), " << counts[0]
      << " note(s)";
  if (suppressed > 0) out << ", " << suppressed << " suppressed";
  if (!report.errors.empty()) out << ", " << report.errors.size() << " input error(s)";
  out << "\n";
}

}  // namespace iamlint
