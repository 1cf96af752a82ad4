#include "rules/rule.h"

#include "core/guard.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace iamlint {
namespace {

std::vector<RegisteredRule>& Registry() {
  static std::vector<RegisteredRule> rules;
  return rules;
}

bool EqualsIgnoreCase(const std::string& a, const char* b) {
  const std::string bs(b);
  return a.size() == bs.size() && std::equal(a.begin(), a.end(), bs.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Finding& Findings::Add(const RuleInfo& rule, std::string resource, const Location& loc,
                       std::string message, std::string hint) {
  return Add(rule, rule.severity, std::move(resource), loc, std::move(message), std::move(hint));
}

Finding& Findings::Add(const RuleInfo& rule, Severity severity, std::string resource,
                       const Location& loc, std::string message, std::string hint) {
  Finding f;
  f.rule = rule.id;
  f.name = rule.name;
  f.severity = severity;
  f.resource = std::move(resource);
  f.loc = loc;
  f.message = std::move(message);
  f.hint = std::move(hint);
  list_.push_back(std::move(f));
  return list_.back();
}

namespace internal {
bool RegisterRule(const RuleInfo* info, CheckFn check) {
  auto& rules = Registry();
  rules.push_back({info, check});
  std::sort(rules.begin(), rules.end(), [](const RegisteredRule& a, const RegisteredRule& b) {
    return std::string(a.info->id) < std::string(b.info->id);
  });
  return true;
}
}  // namespace internal

const std::vector<RegisteredRule>& AllRules() { return Registry(); }

const RegisteredRule* FindRule(const std::string& id_or_name) {
  for (const auto& r : Registry()) {
    if (EqualsIgnoreCase(id_or_name, r.info->id) || EqualsIgnoreCase(id_or_name, r.info->name)) {
      return &r;
    }
  }
  return nullptr;
}

void SortFindings(std::vector<Finding>* findings) {
  auto& all = *findings;
  std::sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.loc.file, a.loc.line, a.rule, a.resource, a.loc.pointer, a.message) <
           std::tie(b.loc.file, b.loc.line, b.rule, b.resource, b.loc.pointer, b.message);
  });
  // Identical findings (same rule, place and text) are reported once.
  all.erase(std::unique(all.begin(), all.end(),
                        [](const Finding& a, const Finding& b) {
                          return a.rule == b.rule && a.resource == b.resource &&
                                 a.loc.file == b.loc.file && a.loc.pointer == b.loc.pointer &&
                                 a.message == b.message;
                        }),
            all.end());
}

const RuleOptions& Findings::options() const {
  static const RuleOptions kDefaults;
  return options_ != nullptr ? *options_ : kDefaults;
}

std::vector<Finding> RunRules(const Model& model, const RuleOptions& options,
                              std::vector<RuleFailure>* failures) {
  return internal::RunRuleList(AllRules(), model, options, failures);
}

namespace internal {

std::vector<Finding> RunRuleList(const std::vector<RegisteredRule>& rules, const Model& model,
                                 const RuleOptions& options, std::vector<RuleFailure>* failures) {
  std::vector<Finding> all;
  for (const auto& scope : model.scopes) {
    for (const auto& rule : rules) {
      Findings out(&options);
      if (failures == nullptr) {
        rule.check(scope, out);  // callers that want the exception (fuzz targets) get it
      } else if (std::string failure = Guarded([&] { rule.check(scope, out); }); !failure.empty()) {
        failures->push_back({scope.name, std::string("rule ") + rule.info->id +
                                             " failed on this input (" + failure +
                                             "): an internal error, please report it"});
        continue;
      }
      for (auto& f : out.list()) {
        f.input = f.loc.file;
        all.push_back(std::move(f));
      }
    }
  }
  SortFindings(&all);
  return all;
}

}  // namespace internal

}  // namespace iamlint
