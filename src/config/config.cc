#include "config/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/path.h"
#include "core/read_file.h"
#include "core/wildcard.h"
#include "data/catalogue.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxConfigBytes = size_t{4} << 20;

class Reader {
 public:
  Reader(std::string path, Config* out, std::vector<LoadError>* errors)
      : path_(std::move(path)), out_(out), errors_(errors) {}

  bool Read(const YAML::Node& root) {
    if (root.IsNull()) return true;  // an empty file: all defaults
    if (!root.IsMap()) {
      Error(root,
            "the configuration must be a mapping of keys (rules, options, include, "
            "exclude, fail_on, suppressions)");
      return false;
    }
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      const YAML::Node& v = kv.second;
      if (key == "version") {
        if (!v.IsScalar() || v.Scalar() != "1") Error(v, "`version` must be 1");
      } else if (key == "rules") {
        Rules(v);
      } else if (key == "options") {
        Options(v);
      } else if (key == "include") {
        Strings(v, "include", &out_->include);
      } else if (key == "exclude") {
        Strings(v, "exclude", &out_->exclude);
      } else if (key == "fail_on") {
        Severity s;
        if (!v.IsScalar() || (v.Scalar() != "never" && !ParseSeverity(v.Scalar(), &s))) {
          Error(v, "`fail_on` must be one of error, warning, note, never");
        } else {
          out_->fail_on = v.Scalar();
        }
      } else if (key == "suppressions") {
        Suppressions(v);
      } else {
        Error(kv.first, "unknown key `" + key +
                            "` (expected rules, options, include, exclude, fail_on, "
                            "suppressions or version)");
      }
    }
    return !failed_;
  }

 private:
  void Error(const YAML::Node& at, const std::string& message) {
    LoadError e;
    e.file = path_;
    e.line = at.Mark().is_null() ? 0 : static_cast<size_t>(at.Mark().line) + 1;
    e.message = message;
    errors_->push_back(std::move(e));
    failed_ = true;
  }

  /// The rule ID for an ID or name, or "" (after an error).
  std::string RuleId(const YAML::Node& n) {
    const RegisteredRule* r = n.IsScalar() ? FindRule(n.Scalar()) : nullptr;
    if (r == nullptr) {
      Error(n, "no rule \"" + (n.IsScalar() ? n.Scalar() : std::string("?")) +
                   "\"; `iamlint rules` lists them");
      return "";
    }
    return r->info->id;
  }

  void Rules(const YAML::Node& v) {
    if (!v.IsMap()) {
      Error(v, "`rules` must map rule IDs to off, on, error, warning or note");
      return;
    }
    for (const auto& kv : v) {
      std::string id = RuleId(kv.first);
      if (id.empty()) continue;
      RuleSetting s;
      const YAML::Node& val = kv.second;
      if (val.IsScalar()) {
        if (!Level(val, &s)) continue;
      } else if (val.IsMap()) {
        for (const auto& f : val) {
          const std::string k = f.first.Scalar();
          if (k == "enabled") {
            if (!f.second.IsScalar() ||
                (f.second.Scalar() != "true" && f.second.Scalar() != "false")) {
              Error(f.second, "`enabled` must be true or false");
              continue;
            }
            s.enabled = f.second.Scalar() == "true";
          } else if (k == "severity") {
            if (!f.second.IsScalar() || !ParseSeverity(f.second.Scalar(), &s.severity)) {
              Error(f.second, "`severity` must be error, warning or note");
              continue;
            }
            s.has_severity = true;
          } else {
            Error(f.first,
                  "unknown key `" + k + "` for rule " + id + " (expected enabled or severity)");
          }
        }
      } else {
        Error(val, "rule " + id + ": expected off, on, error, warning, note or a mapping");
        continue;
      }
      out_->rules[id] = s;
    }
  }

  bool Level(const YAML::Node& val, RuleSetting* s) {
    const std::string& t = val.Scalar();
    if (t == "off" || t == "false") {
      s->enabled = false;
    } else if (t == "on" || t == "true") {
      s->enabled = true;
    } else if (ParseSeverity(t, &s->severity)) {
      s->has_severity = true;
    } else {
      Error(val, "expected off, on, error, warning or note, not \"" + t + "\"");
      return false;
    }
    return true;
  }

  void Strings(const YAML::Node& v, const std::string& what, std::vector<std::string>* out) {
    if (v.IsScalar()) {
      out->push_back(v.Scalar());
      return;
    }
    if (!v.IsSequence()) {
      Error(v, "`" + what + "` must be a list of strings");
      return;
    }
    for (const auto& item : v) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        Error(item, "`" + what + "` entries must be non-empty strings");
        continue;
      }
      out->push_back(item.Scalar());
    }
  }

  void Actions(const YAML::Node& v, const std::string& what, bool patterns,
               std::vector<std::string>* out) {
    size_t before = out->size();
    Strings(v, "options." + what, out);
    for (size_t i = before; i < out->size(); ++i) {
      const std::string& a = (*out)[i];
      const YAML::Node at = v.IsSequence() ? v[i - before] : v;
      size_t colon = a.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == a.size() ||
          a.find_first_of(" \t") != std::string::npos) {
        Error(at, "`options." + what + "`: \"" + a + "\" is not an action (service:Action)");
        continue;
      }
      if (!patterns && a.find_first_of("*?") != std::string::npos) {
        Error(at, "`options." + what + "`: name concrete actions, not patterns (\"" + a + "\")");
        continue;
      }
      if (MatchActions(a).empty()) {
        std::string hint = SuggestAction(a);
        Error(at, "`options." + what + "`: unknown action \"" + a + "\"" +
                      (hint.empty() ? "" : " (did you mean " + hint + "?)"));
      }
    }
  }

  void Options(const YAML::Node& v) {
    if (!v.IsMap()) {
      Error(v, "`options` must be a mapping");
      return;
    }
    for (const auto& kv : v) {
      const std::string k = kv.first.Scalar();
      if (k == "trusted_accounts") {
        size_t before = out_->options.trusted_accounts.size();
        Strings(kv.second, "options.trusted_accounts", &out_->options.trusted_accounts);
        for (size_t i = before; i < out_->options.trusted_accounts.size(); ++i) {
          const std::string& a = out_->options.trusted_accounts[i];
          if (a.size() != 12 || a.find_first_not_of("0123456789") != std::string::npos) {
            Error(kv.second.IsSequence() ? kv.second[i - before] : kv.second,
                  "`options.trusted_accounts`: \"" + a +
                      "\" is not a 12-digit AWS account ID (quote IDs that start with 0)");
          }
        }
      } else if (k == "app_data_actions") {
        Actions(kv.second, k, false, &out_->options.app_data_actions);
      } else if (k == "service_role_duties") {
        Actions(kv.second, k, true, &out_->options.service_role_duties);
      } else {
        Error(kv.first, "unknown option `" + k +
                            "` (expected trusted_accounts, app_data_actions or "
                            "service_role_duties)");
      }
    }
  }

  static bool ValidDate(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (d[i] < '0' || d[i] > '9') return false;
    }
    auto number = [&d](size_t from, size_t n) {
      int v = 0;
      for (size_t i = from; i < from + n; ++i) v = v * 10 + (d[i] - '0');
      return v;
    };
    const int y = number(0, 4);
    const int m = number(5, 2);
    const int day = number(8, 2);
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || day < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return day <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  }

  void Suppressions(const YAML::Node& v) {
    if (!v.IsSequence()) {
      Error(v, "`suppressions` must be a list of {rule, resource, file, reason, expires}");
      return;
    }
    for (const auto& item : v) {
      if (!item.IsMap()) {
        Error(item, "a suppression must be a mapping with rule, reason and resource or file");
        continue;
      }
      Suppression s;
      s.line = static_cast<size_t>(item.Mark().line) + 1;
      bool ok = true;
      for (const auto& kv : item) {
        const std::string k = kv.first.Scalar();
        const YAML::Node& val = kv.second;
        if (!val.IsScalar()) {
          Error(val, "suppression `" + k + "` must be a string");
          ok = false;
          continue;
        }
        if (k == "rule") {
          s.rule = RuleId(val);
          ok = ok && !s.rule.empty();
        } else if (k == "resource") {
          s.resource = val.Scalar();
        } else if (k == "file") {
          s.file = val.Scalar();
        } else if (k == "reason") {
          s.reason = val.Scalar();
        } else if (k == "expires") {
          s.expires = val.Scalar();
          if (!ValidDate(s.expires)) {
            Error(val, "`expires` must be a date YYYY-MM-DD, not \"" + s.expires + "\"");
            ok = false;
          }
        } else {
          Error(kv.first, "unknown suppression key `" + k +
                              "` (expected rule, resource, file, reason, expires)");
          ok = false;
        }
      }
      if (!item["rule"]) {
        Error(item, "suppression without `rule`");
        ok = false;
      }
      if (s.reason.find_first_not_of(" \t") == std::string::npos) {
        Error(item, "suppression without a `reason`: say why the finding is accepted");
        ok = false;
      }
      if (s.resource.empty() && s.file.empty()) {
        Error(item, "suppression without `resource` or `file`: name what it accepts");
        ok = false;
      }
      if (ok) out_->suppressions.push_back(std::move(s));
    }
  }

  std::string path_;
  Config* out_;
  std::vector<LoadError>* errors_;
  bool failed_ = false;
};

}  // namespace

std::string FindConfig(const std::string& start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir.empty() ? "." : start_dir, ec).lexically_normal();
  while (true) {
    for (const char* name : {".iamlint.yaml", ".iamlint.yml"}) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return "";
    dir = dir.parent_path();
  }
}

bool LoadConfig(const std::string& path, Config* out, std::vector<LoadError>* errors) {
  out->path = path;
  std::error_code ec;
  out->dir = fs::absolute(path, ec).lexically_normal().parent_path().string();
  auto fail = [&](size_t line, const std::string& message) {
    errors->push_back(LoadError{path, line, "", message});
    return false;
  };
  if (!fs::exists(path, ec)) return fail(0, "configuration file not found");
  std::string text;
  std::string why;
  if (!ReadRegularFile(path, kMaxConfigBytes, &text, &why)) {
    return fail(0, "cannot read the configuration file: " + why);
  }
  return ParseConfig(text, path, out, errors);
}

bool ParseConfig(const std::string& text, const std::string& path, Config* out,
                 std::vector<LoadError>* errors) {
  auto fail = [&](size_t line, const std::string& message) {
    errors->push_back(LoadError{path, line, "", message});
    return false;
  };
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    const auto line = static_cast<size_t>(std::count(text.begin(), text.begin() + nul, '\n'));
    return fail(line + 1, "a NUL byte: a binary file, not YAML");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return fail(e.mark.is_null() ? 0 : static_cast<size_t>(e.mark.line) + 1,
                "invalid YAML: " + e.msg);
  }
  try {
    return Reader(path, out, errors).Read(root);
  } catch (const YAML::Exception& e) {
    return fail(e.mark.is_null() ? 0 : static_cast<size_t>(e.mark.line) + 1,
                "invalid configuration: " + e.msg);
  }
}

bool ConfigAcceptsFile(const Config& config, const std::string& path) {
  if (config.include.empty() && config.exclude.empty()) return true;
  const std::string rel = RelativeTo(path, config.dir);
  for (const auto& g : config.exclude) {
    if (PathGlobMatches(g, rel)) return false;
  }
  if (config.include.empty()) return true;
  return std::any_of(config.include.begin(), config.include.end(),
                     [&](const std::string& g) { return PathGlobMatches(g, rel); });
}

void ApplyRuleSettings(const Config& config, std::vector<Finding>* findings) {
  if (config.rules.empty()) return;
  auto& all = *findings;
  all.erase(std::remove_if(all.begin(), all.end(),
                           [&](const Finding& f) {
                             auto it = config.rules.find(f.rule);
                             return it != config.rules.end() && !it->second.enabled;
                           }),
            all.end());
  for (auto& f : all) {
    auto it = config.rules.find(f.rule);
    if (it != config.rules.end() && it->second.has_severity) f.severity = it->second.severity;
  }
}

std::string TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace iamlint
