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

}  // namespace

void WriteJson(const Report& report, std::ostream& out) {
  nlohmann::ordered_json root;
  root["version"] = IAMLINT_VERSION;
  root["findings"] = nlohmann::ordered_json::array();
  std::map<std::string, size_t> counts = {{"error", 0}, {"warning", 0}, {"note", 0}};
  size_t suppressed = 0;
  for (const auto& f : report.findings) {
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
    root["findings"].push_back(j);
  }
  root["errors"] = nlohmann::ordered_json::array();
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
    root["errors"].push_back(j);
  }
  root["notices"] = nlohmann::ordered_json::array();
  for (const auto& n : report.notices) {
    nlohmann::ordered_json j;
    j["file"] = n.file;
    if (n.line > 0) {
      j["line"] = n.line;
    } else {
      j["line"] = nullptr;
    }
    j["message"] = n.message;
    root["notices"].push_back(j);
  }
  if (!report.baseline.file.empty()) {
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
    root["baseline"] = b;
  }
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
