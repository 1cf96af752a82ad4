#include "config/suppress.h"

#include <cctype>

#include "core/path.h"
#include "core/wildcard.h"
#include "policy/match.h"

namespace iamlint {
namespace {

std::string Describe(const Suppression& s) {
  std::string d = s.rule;
  if (!s.resource.empty()) d += " on " + s.resource;
  if (!s.file.empty()) d += " in " + s.file;
  return d;
}

bool Matches(const Suppression& s, const Finding& f, const std::string& dir) {
  if (s.rule != f.rule) return false;
  if (!s.resource.empty() && !GlobMatches(s.resource, f.resource)) return false;
  if (!s.file.empty()) {
    bool any = PathGlobMatches(s.file, RelativeTo(f.input.empty() ? f.loc.file : f.input, dir)) ||
               PathGlobMatches(s.file, RelativeTo(f.loc.file, dir));
    if (!any) return false;
  }
  return true;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/// "AMP004: reason" or "AMP004,IAM008: reason" -> rule IDs and reason; false when malformed.
bool ParseTag(const std::string& value, std::vector<std::string>* rules, std::string* reason,
              std::string* problem) {
  size_t colon = value.find(':');
  if (colon == std::string::npos) {
    *problem = "\"" + value + "\" gives no reason";
    return false;
  }
  *reason = Trim(value.substr(colon + 1));
  std::string list = value.substr(0, colon);
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find_first_of(", ", start);
    if (comma == std::string::npos) comma = list.size();
    std::string id = Trim(list.substr(start, comma - start));
    if (!id.empty()) {
      const RegisteredRule* r = FindRule(id);
      if (r == nullptr) {
        *problem = "no rule \"" + id + "\"";
        return false;
      }
      rules->push_back(r->info->id);
    }
    start = comma + 1;
  }
  if (rules->empty()) {
    *problem = "no rule named before the colon";
    return false;
  }
  if (reason->empty()) {
    *problem = "no reason after the colon";
    return false;
  }
  return true;
}

bool PointerWithin(const std::string& pointer, const std::string& prefix) {
  return !prefix.empty() && pointer.compare(0, prefix.size(), prefix) == 0 &&
         (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

/// Whether a tag on `tag.resource` covers finding `f`: the finding is on that resource, or
/// (for untaggable resources such as policy attachments) points at it as related.
bool TagCovers(const SkipTag& tag, const Finding& f) {
  if (f.input != tag.loc.file) return false;
  if (f.resource == tag.resource) return true;
  for (const auto& r : f.related) {
    if (r.loc.file == tag.resource_loc.file &&
        PointerWithin(r.loc.pointer, tag.resource_loc.pointer)) {
      return true;
    }
  }
  return false;
}

}  // namespace

void ApplySuppressions(const Config& config, const Model& model, const std::string& today,
                       std::vector<Finding>* findings, std::vector<Notice>* notices) {
  for (const auto& s : config.suppressions) {
    if (!s.expires.empty() && s.expires < today) {
      bool would = false;
      for (const auto& f : *findings) would = would || Matches(s, f, config.dir);
      notices->push_back({config.path, s.line,
                          "suppression of " + Describe(s) + " expired on " + s.expires +
                              (would ? ": its findings are reported again"
                                     : " (it matches nothing now: remove it)")});
      continue;
    }
    bool used = false;
    for (auto& f : *findings) {
      if (f.suppressed || !Matches(s, f, config.dir)) continue;
      f.suppressed = true;
      f.suppression_kind = "config";
      f.suppression_reason = s.reason;
      used = true;
    }
    if (!used) {
      // A suppression an earlier one already covered is still in use.
      for (const auto& f : *findings) used = used || Matches(s, f, config.dir);
    }
    if (!used) {
      notices->push_back({config.path, s.line,
                          "suppression of " + Describe(s) +
                              " matched no finding: remove it, or fix its rule, resource or "
                              "file pattern"});
    }
  }
  for (const auto& scope : model.scopes) {
    for (const auto& tag : scope.skip_tags) {
      std::vector<std::string> rules;
      std::string reason;
      std::string problem;
      if (!ParseTag(tag.value, &rules, &reason, &problem)) {
        notices->push_back(
            {tag.loc.file, tag.loc.line,
             "iamlint:skip tag on " + tag.resource + " is not applied: " + problem +
                 " (write \"RULE: reason\", e.g. \"AMP004: demo keys, rotated daily (SEC-12)\")"});
        continue;
      }
      for (auto& f : *findings) {
        if (f.suppressed) continue;
        bool listed = false;
        for (const auto& r : rules) listed = listed || r == f.rule;
        if (!listed || !TagCovers(tag, f)) continue;
        f.suppressed = true;
        f.suppression_kind = "tag";
        f.suppression_reason = reason;
      }
    }
  }
}

}  // namespace iamlint
