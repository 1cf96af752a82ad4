// SARIF 2.1.0 (OASIS), as GitHub code scanning and other viewers read it.
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/path.h"
#include "iamlint_version.h"
#include "report/report.h"

namespace iamlint {
namespace {

using Json = nlohmann::ordered_json;

/// The rule's `security-severity` property, from the severity it runs with: error 8.0, warning
/// 5.0, note 2.0 -- "high", "medium" and "low" on GitHub's scale (9.0+ critical, 7.0-8.9 high,
/// 4.0-6.9 medium, 0.1-3.9 low).
const char* SecuritySeverity(Severity s) {
  switch (s) {
    case Severity::kError:
      return "8.0";
    case Severity::kWarning:
      return "5.0";
    case Severity::kNote:
      return "2.0";
  }
  return "0.0";
}

/// Percent-encodes a path for a URI reference, keeping `/` and RFC 3986's unreserved bytes.
std::string UriPath(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

class SarifWriter {
 public:
  explicit SarifWriter(const ReportOptions& options) {
    std::error_code ec;
    std::filesystem::path root = std::filesystem::absolute(
        options.sarif_root.empty() ? std::string(".") : options.sarif_root, ec);
    root_ = root.lexically_normal().generic_string();
    if (root_.empty() || root_.back() != '/') root_ += '/';
  }

  const std::string& root() const { return root_; }

  Json Artifact(const std::string& file) const {
    Json a;
    std::string rel = RelativeTo(file, root_);
    if (!rel.empty() && rel[0] == '/') {
      a["uri"] = "file://" + UriPath(rel);  // outside the root: an absolute URI
    } else {
      a["uri"] = UriPath(rel);
      a["uriBaseId"] = "SRCROOT";
    }
    return a;
  }

  /// A finding on a file as a whole (no line known) points at its first line: Microsoft's
  /// validator (SARIF2017) wants a region, and GitHub code scanning places alerts by line.
  /// The exact place stays in the result's `json-pointer` property.
  Json PhysicalLocation(const Location& loc) const {
    Json p;
    p["artifactLocation"] = Artifact(loc.file);
    p["region"] = {{"startLine", loc.line > 0 ? loc.line : 1}};
    if (loc.line > 0 && loc.column > 0) p["region"]["startColumn"] = loc.column;
    return p;
  }

  /// A location: physical for a file; logical only for what is no file -- a bundled AWS
  /// managed policy ("(bundled AWS managed policy) ARN") or an empty name.
  Json LocationOf(const Location& loc, const std::string& message = "") const {
    Json l;
    if (loc.file.empty()) {
      // nothing to point at
    } else if (loc.file[0] == '(') {
      l["logicalLocations"] = Json::array({{{"fullyQualifiedName", loc.file}}});
    } else {
      l["physicalLocation"] = PhysicalLocation(loc);
    }
    if (!message.empty()) l["message"] = {{"text", message}};
    return l;
  }

 private:
  std::string root_;
};

/// A rule's help as plain text: what `iamlint explain` prints, in one block.
std::string HelpText(const RuleInfo& info) {
  std::ostringstream text;
  text << info.summary << "\n\nWhat it does: " << info.what << "\n\nWhy it matters: " << info.why
       << "\n\nExample:\n"
       << info.example << "\n\nFix: " << info.fix << "\n";
  if (!info.references.empty()) text << "\nReferences:\n";
  for (const auto& url : info.references) text << "- " << url << "\n";
  return text.str();
}

/// The same help in Markdown (GitHub code scanning shows it beside an alert).
std::string HelpMarkdown(const RuleInfo& info) {
  std::ostringstream md;
  md << "**" << info.summary << "**\n\n### What it does\n"
     << info.what << "\n\n### Why it matters\n"
     << info.why << "\n\n### Example\n```\n"
     << info.example << "\n```\n\n### Fix\n"
     << info.fix << "\n\n";
  if (!info.references.empty()) md << "### References\n";
  for (const auto& url : info.references) md << "- <" << url << ">\n";
  if (!info.references.empty()) md << "\n";
  md << "`iamlint explain " << info.id << "` prints this help.\n";
  return md.str();
}

Json RuleDescriptor(const RuleInfo& info, Severity severity) {
  Json r;
  r["id"] = info.id;
  // The kebab-case name, as `iamlint rules` and the README print it. (The multitool's
  // advisory SARIF2012 note prefers a Pascal-case "friendly name"; a note, not a problem.)
  r["name"] = info.name;
  r["shortDescription"] = {{"text", info.summary}};
  r["fullDescription"] = {{"text", info.what}};
  // The first reference is the rule's `helpUri`; all of them are listed in the help.
  if (!info.references.empty()) r["helpUri"] = info.references.front();
  r["help"] = {{"text", HelpText(info)}, {"markdown", HelpMarkdown(info)}};
  r["defaultConfiguration"] = {{"level", SeverityName(severity)}};
  Json props;
  props["security-severity"] = SecuritySeverity(severity);
  props["precision"] = "high";
  Json tags = Json::array({"security", "iam"});
  if (std::string(info.id).rfind("AMP", 0) == 0) tags.push_back("amplify");
  props["tags"] = tags;
  r["properties"] = props;
  return r;
}

/// The tool's driver with every rule's descriptor (at the severity it ran with); `index` gets
/// each rule's position in the list.
Json DriverJson(const Report& report, std::map<std::string, size_t>& index) {
  Json driver;
  driver["name"] = "iamlint";
  driver["version"] = IAMLINT_VERSION;
  driver["semanticVersion"] = IAMLINT_VERSION;
  driver["informationUri"] = "https://github.com/iamlint/iamlint";
  driver["rules"] = Json::array();
  for (const auto& r : AllRules()) {
    Severity sev = r.info->severity;
    for (const auto& run : report.rules) {
      if (run.info == r.info) sev = run.severity;
    }
    index[r.info->id] = driver["rules"].size();
    driver["rules"].push_back(RuleDescriptor(*r.info, sev));
  }
  return driver;
}

/// One finding as a SARIF result.
Json ResultJson(const Finding& f, const SarifWriter& w,
                const std::map<std::string, size_t>& index) {
  Json res;
  res["ruleId"] = f.rule;
  if (auto it = index.find(f.rule); it != index.end()) res["ruleIndex"] = it->second;
  res["level"] = SeverityName(f.severity);
  std::string text = f.message;
  if (!f.hint.empty()) text += ". Fix: " + f.hint;
  res["message"] = {{"text", text}};
  Json loc = w.LocationOf(f.loc);
  loc["logicalLocations"] = Json::array({{{"fullyQualifiedName", f.resource}}});
  res["locations"] = Json::array({loc});
  if (!f.related.empty()) {
    Json rel = Json::array();
    for (size_t i = 0; i < f.related.size(); ++i) {
      Json l = w.LocationOf(f.related[i].loc, f.related[i].message);
      l["id"] = i + 1;
      rel.push_back(l);
    }
    res["relatedLocations"] = rel;
  }
  if (!f.fingerprint.empty()) res["partialFingerprints"] = {{"iamlint/v1", f.fingerprint}};
  if (f.suppressed) {
    res["suppressions"] =
        Json::array({{{"kind", f.suppression_kind == "tag" ? "inSource" : "external"},
                      {"status", "accepted"},
                      {"justification", f.suppression_reason}}});
  }
  Json props;
  props["resource"] = f.resource;
  props["rule-name"] = f.name;
  if (!f.hint.empty()) props["hint"] = f.hint;
  if (!f.loc.pointer.empty()) props["json-pointer"] = f.loc.pointer;
  res["properties"] = props;
  return res;
}

/// Input errors as tool execution notifications.
Json ExecutionNotifications(const Report& report, const SarifWriter& w) {
  Json exec = Json::array();
  for (const auto& e : report.errors) {
    Json n;
    n["level"] = "error";
    std::string msg = e.message;
    if (!e.pointer.empty()) msg += " (at " + e.pointer + ")";
    n["message"] = {{"text", msg}};
    if (!e.file.empty()) {
      n["locations"] = Json::array({w.LocationOf(Location{e.file, e.pointer, e.line, e.column})});
    }
    exec.push_back(n);
  }
  return exec;
}

/// Notices and baseline entries no longer seen, as tool configuration notifications.
Json ConfigurationNotifications(const Report& report, const SarifWriter& w) {
  Json config = Json::array();
  for (const auto& n : report.notices) {
    Json j;
    j["level"] = "warning";
    j["message"] = {{"text", n.message}};
    if (!n.file.empty()) {
      j["locations"] = Json::array({w.LocationOf(Location{n.file, "", n.line})});
    }
    config.push_back(j);
  }
  for (const auto& a : report.baseline.absent) {
    Json j;
    j["level"] = "note";
    j["message"] = {{"text", "baseline entry no longer occurs (fixed?): " + a.rule + " on " +
                                 a.resource + " in " + a.input}};
    j["locations"] = Json::array({w.LocationOf(Location{report.baseline.file, "", 0})});
    config.push_back(j);
  }
  return config;
}

Json InvocationJson(const Report& report, const SarifWriter& w) {
  Json invocation;
  invocation["executionSuccessful"] = report.errors.empty();
  Json exec = ExecutionNotifications(report, w);
  if (!exec.empty()) invocation["toolExecutionNotifications"] = exec;
  Json config = ConfigurationNotifications(report, w);
  if (!config.empty()) invocation["toolConfigurationNotifications"] = config;
  return invocation;
}

}  // namespace

void WriteSarif(const Report& report, std::ostream& out, const ReportOptions& options) {
  SarifWriter w(options);
  std::map<std::string, size_t> index;
  Json driver = DriverJson(report, index);

  Json results = Json::array();
  for (const auto& f : report.findings) results.push_back(ResultJson(f, w, index));

  Json invocation = InvocationJson(report, w);

  Json run;
  run["tool"] = {{"driver", driver}};
  run["originalUriBaseIds"] = {{"SRCROOT", {{"uri", "file://" + UriPath(w.root())}}}};
  run["invocations"] = Json::array({invocation});
  run["results"] = results;
  run["columnKind"] = "unicodeCodePoints";

  Json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = Json::array({run});
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace iamlint
