#include <map>

#include <nlohmann/json.hpp>

#include "iamlint_version.h"
#include "report/report.h"

namespace iamlint {
namespace {

nlohmann::ordered_json LocationJson(const Location& loc) {
  nlohmann::ordered_json j;
  j["file"] = loc.file;
  j["pointer"] = loc.pointer;
  if (loc.line > 0) {
    j["line"] = loc.line;
  } else {
    j["line"] = nullptr;
  }
  if (loc.column > 0) {
    j["column"] = loc.column;
  } else {
    j["column"] = nullptr;
  }
  return j;
}

/// One finding, with its related locations; counts it as suppressed or under its severity.
nlohmann::ordered_json FindingJson(const Finding& f, std::map<std::string, size_t>& counts,
                                   size_t& suppressed) {
  nlohmann::ordered_json j;
  j["rule"] = f.rule;
  j["name"] = f.name;
  j["severity"] = SeverityName(f.severity);
  j["message"] = f.message;
  j["resource"] = f.resource;
  j["location"] = LocationJson(f.loc);
  j["hint"] = f.hint;
  j["related"] = nlohmann::ordered_json::array();
  for (const auto& r : f.related) {
    nlohmann::ordered_json rj;
    rj["message"] = r.message;
    rj["location"] = LocationJson(r.loc);
    j["related"].push_back(rj);
  }
  j["suppressed"] = f.suppressed;
  if (f.suppressed) {
    j["suppression"] = {{"kind", f.suppression_kind}, {"reason", f.suppression_reason}};
    ++suppressed;
  } else {
    ++counts[SeverityName(f.severity)];
  }
  if (!f.fingerprint.empty()) j["fingerprint"] = f.fingerprint;
  return j;
}

nlohmann::ordered_json ErrorsJson(const Report& report) {
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const auto& e : report.errors) {
    nlohmann::ordered_json j;
    j["file"] = e.file;
    if (e.line > 0) {
      j["line"] = e.line;
    } else {
      j["line"] = nullptr;
    }
    if (e.column > 0) {
      j["column"] = e.column;
    } else {
      j["column"] = nullptr;
    }
    j["pointer"] = e.pointer;
    j["message"] = e.message;
    errors.push_back(j);
  }
  return errors;
}

nlohmann::ordered_json NoticesJson(const Report& report) {
  nlohmann::ordered_json notices = nlohmann::ordered_json::array();
  for (const auto& n : report.notices) {
    nlohmann::ordered_json j;
    j["file"] = n.file;
    if (n.line > 0) {
      j["line"] = n.line;
    } else {
      j["line"] = nullptr;
    }
    j["message"] = n.message;
    notices.push_back(j);
  }
  return notices;
}

nlohmann::ordered_json BaselineJson(const Report& report) {
  nlohmann::ordered_json b;
  b["file"] = report.baseline.file;
  b["matched"] = report.baseline.matched;
  b["absent"] = nlohmann::ordered_json::array();
  for (const auto& a : report.baseline.absent) {
    b["absent"].push_back({{"rule", a.rule},
                           {"resource", a.resource},
                           {"file", a.input},
                           {"message", a.message},
                           {"fingerprint", a.fingerprint}});
  }
  return b;
}

}  // namespace

void WriteJson(const Report& report, std::ostream& out) {
  nlohmann::ordered_json root;
  root["version"] = IAMLINT_VERSION;
  root["findings"] = nlohmann::ordered_json::array();
  std::map<std::string, size_t> counts = {{"error", 0}, {"warning", 0}, {"note", 0}};
  size_t suppressed = 0;
  for (const auto& f : report.findings) {
    root["findings"].push_back(FindingJson(f, counts, suppressed));
  }
  root["errors"] = ErrorsJson(report);
  root["notices"] = NoticesJson(report);
  if (!report.baseline.file.empty()) root["baseline"] = BaselineJson(report);
  nlohmann::ordered_json s;
  s["files_checked"] = report.files_loaded;
  s["files_skipped"] = report.files_skipped;
  s["errors"] = counts["error"];
  s["warnings"] = counts["warning"];
  s["notes"] = counts["note"];
  s["input_errors"] = report.errors.size();
  s["suppressed"] = suppressed;
  root["summary"] = s;
  // Replace invalid UTF-8 rather than throw: inputs may hold anything.
  out << root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace iamlint
