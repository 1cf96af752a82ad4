// GitLab Code Quality: the JSON array GitLab reads from `artifacts:reports:codequality` and
// shows in merge requests (every tier): one entry per unsuppressed finding and per input error.
#include <map>

#include <nlohmann/json.hpp>

#include "core/hash.h"
#include "core/path.h"
#include "report/report.h"

namespace iamlint {
namespace {

/// GitLab's severities: info, minor, major, critical, blocker.
const char* GitlabSeverity(Severity s) {
  switch (s) {
    case Severity::kError:
      return "critical";
    case Severity::kWarning:
      return "major";
    case Severity::kNote:
      return "info";
  }
  return "info";
}

nlohmann::ordered_json Entry(const std::string& description, const std::string& check,
                             const std::string& fingerprint, const char* severity,
                             const std::string& path, size_t line) {
  nlohmann::ordered_json e;
  e["description"] = description;
  e["check_name"] = check;
  e["fingerprint"] = fingerprint;
  e["severity"] = severity;
  // GitLab needs a line; a finding without one points at the file's first.
  e["location"]["path"] = path;
  e["location"]["lines"]["begin"] = line > 0 ? line : 1;
  return e;
}

}  // namespace

void WriteGitlab(const Report& report, std::ostream& out, const ReportOptions& options) {
  const std::string root = options.sarif_root.empty() ? std::string(".") : options.sarif_root;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  // The baseline fingerprint identifies a finding across runs but several findings can share
  // it (the same rule twice on one resource): the n-th of them gets n in its identity, so
  // every entry is unique and, as findings are sorted, the same in the next run.
  std::map<std::string, size_t> seen;
  for (const auto& f : report.findings) {
    if (f.suppressed) continue;
    const size_t n = seen[f.fingerprint]++;
    std::string description = f.rule + " " + f.message;
    if (!f.resource.empty()) description += " (resource: " + f.resource + ")";
    list.push_back(Entry(description, f.rule + " " + f.name,
                         StableHash({"gitlab-v1", f.fingerprint, f.rule, std::to_string(n)}),
                         GitlabSeverity(f.severity), RelativeTo(f.loc.file, root), f.loc.line));
  }
  for (const auto& e : report.errors) {
    const std::string path = RelativeTo(e.file, root);
    const size_t n = seen["error:" + path + e.message]++;
    list.push_back(
        Entry("input error: " + e.message, "iamlint input-error",
              StableHash({"gitlab-v1", "input-error", path, e.message, std::to_string(n)}),
              "blocker", path, e.line));
  }
  out << list.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace iamlint
