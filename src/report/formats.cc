#include "report/report.h"

namespace iamlint {

const std::vector<std::string>& ReportFormats() {
  static const std::vector<std::string> kFormats = {"text",   "json",     "sarif", "junit",
                                                    "github", "markdown", "gitlab"};
  return kFormats;
}

void WriteReport(const std::string& format, const Report& report, std::ostream& out,
                 const ReportOptions& options) {
  if (format == "json") {
    WriteJson(report, out);
  } else if (format == "sarif") {
    WriteSarif(report, out, options);
  } else if (format == "junit") {
    WriteJunit(report, out);
  } else if (format == "github") {
    WriteGithub(report, out);
  } else if (format == "markdown") {
    WriteMarkdown(report, out);
  } else if (format == "gitlab") {
    WriteGitlab(report, out, options);
  } else {
    WriteText(report, out, options.color);
  }
}

}  // namespace iamlint
