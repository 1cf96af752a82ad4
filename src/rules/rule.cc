#include "rules/rule.h"

#include "core/ascii.h"
#include "core/guard.h"

#include <algorithm>
#include <tuple>

namespace iamlint {
namespace {

std::vector<RegisteredRule>& Registry() {
  static std::vector<RegisteredRule> rules;
  return rules;
}

/// The message with quoted text and numbers set aside: findings alike differ only there
/// (a Sid, a statement's index, a count).
std::string Shape(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  bool quoted = false;
  for (char c : message) {
    if (c == '"') {
      quoted = !quoted;
      out.push_back(c);
    } else if (quoted) {
      continue;
    } else if (c >= '0' && c <= '9') {
      if (out.empty() || out.back() != '#') out.push_back('#');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

/// The document a finding is in: its file and the pointer up to the policy's Statement.
std::string DocumentOf(const Location& loc) {
  return loc.file + '\n' + loc.pointer.substr(0, loc.pointer.find("/Statement"));
}

}  // namespace

Finding& Findings::Add(const RuleInfo& rule, NewFinding finding) {
  Finding f;
  f.rule = rule.id;
  f.name = rule.name;
  f.severity = finding.severity.value_or(rule.severity);
  f.resource = std::move(finding.resource);
  f.loc = std::move(finding.loc);
  f.message = std::move(finding.message);
  f.hint = std::move(finding.hint);
  dirty_ = true;
  const std::string document = f.rule + '\n' + DocumentOf(f.loc);
  std::string key = document + '\n' + std::to_string(static_cast<int>(f.severity)) + '\n' +
                    f.resource + '\n' + Shape(f.message);
  Document& doc = documents_[document];
  if (doc.stored == 0 && doc.dropped == 0) doc.first = f;
  auto it = groups_.find(key);
  if (it == groups_.end()) {
    if (doc.stored >= kPerDocument) {
      ++doc.dropped;
      scratch_ = std::move(f);
      return scratch_;
    }
    it = groups_.emplace(std::move(key), Group()).first;
    it->second.document = document;
  }
  Group& g = it->second;
  ++g.count;
  if (g.stored.size() >= kShownAlike || doc.stored >= kPerDocument) {
    scratch_ = std::move(f);
    return scratch_;
  }
  ++doc.stored;
  g.stored.push_back(stored_.size());
  group_of_.push_back(it->first);
  stored_.push_back(std::move(f));
  return stored_.back();
}

std::vector<Finding>& Findings::list() {
  if (!dirty_) return list_;
  dirty_ = false;
  list_.clear();
  std::map<std::string, size_t> hidden;  // document -> findings neither shown nor counted
  for (const auto& [key, g] : groups_) {
    if (g.count <= kShownAlike) hidden[g.document] += g.count - g.stored.size();
  }
  for (size_t i = 0; i < stored_.size(); ++i) {
    const Group& g = groups_.at(group_of_[i]);
    if (g.count <= kShownAlike) {
      list_.push_back(stored_[i]);
      continue;
    }
    if (g.stored.front() != i) continue;  // aggregated into the group's first
    Finding f = stored_[i];
    f.message += " (and " + std::to_string(g.count - 1) + " more like it in this document)";
    for (size_t k = 1; k < g.stored.size() && k <= kRelatedAlike; ++k) {
      f.related.push_back({"also here", stored_[g.stored[k]].loc});
    }
    list_.push_back(std::move(f));
  }
  for (const auto& [key, doc] : documents_) {
    const size_t not_shown = doc.dropped + hidden[key];
    if (not_shown == 0) continue;
    Finding f = doc.first;
    f.severity = Severity::kNote;
    f.related.clear();
    f.subject.clear();
    f.message = std::to_string(not_shown) + " more " + f.rule + " finding" +
                (not_shown == 1 ? "" : "s") + " in this document not shown (at most " +
                std::to_string(kPerDocument) + " per rule and document)";
    f.hint = "fix the ones shown and run again";
    list_.push_back(std::move(f));
  }
  return list_;
}

std::string StatementLabel(const Statement& statement) {
  return statement.sid.empty() ? "" : " (statement \"" + statement.sid + "\")";
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
    if (AsciiEqualFold(id_or_name, r.info->id) || AsciiEqualFold(id_or_name, r.info->name)) {
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
      const bool terraform =
          scope.kind == Scope::Kind::kTerraformPlan || scope.kind == Scope::Kind::kTerraformState;
      for (auto& f : out.list()) {
        f.input = f.loc.file;
        if (terraform) f.terraform_root = scope.name;  // the lint layer resolves the folder
        all.push_back(std::move(f));
      }
    }
  }
  SortFindings(&all);
  return all;
}

}  // namespace internal

}  // namespace iamlint
