// The pipeline as a library call: Lint() on paths and buffers, with a configuration, a date,
// a baseline, source mapping on or off and a progress callback; no state kept between calls.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/baseline.h"
#include "lint/lint.h"
#include "test_util.h"

namespace iamlint {
namespace {

using testing::SourcePath;

const char* kAdmin = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}]})";

LintRequest OnBuffer(const std::string& name, const std::string& text) {
  LintRequest request;
  request.buffers = {{name, text}};
  return request;
}

std::set<std::string> RulesOf(const Report& report) {
  std::set<std::string> rules;
  for (const auto& f : report.findings) rules.insert(f.rule);
  return rules;
}

const Finding* FindRule(const Report& report, const std::string& rule) {
  auto it = std::find_if(report.findings.begin(), report.findings.end(),
                         [&](const Finding& f) { return f.rule == rule; });
  return it == report.findings.end() ? nullptr : &*it;
}

std::string JsonOf(const Report& report) {
  std::ostringstream out;
  WriteJson(report, out);
  return out.str();
}

TEST(Lint, ABufferIsLintedWithEveryEnabledRuleListed) {
  const LintReport lint = Lint(OnBuffer("admin.json", kAdmin));
  EXPECT_TRUE(lint.report.errors.empty());
  EXPECT_TRUE(lint.rule_failures.empty());
  EXPECT_EQ(lint.report.files_loaded, 1u);
  EXPECT_EQ(lint.report.inputs, std::vector<std::string>{"admin.json"});
  EXPECT_EQ(lint.report.rules.size(), AllRules().size());
  const Finding* iam001 = FindRule(lint.report, "IAM001");
  ASSERT_NE(iam001, nullptr) << JsonOf(lint.report);
  EXPECT_EQ(iam001->loc.file, "admin.json");
  EXPECT_FALSE(iam001->fingerprint.empty());
}

TEST(Lint, PathsAreReadAndUnreadableOnesAreLocatedErrors) {
  LintRequest request;
  request.paths = {SourcePath("fixtures/plans/seed-before.plan.json"), "no/such/file.json"};
  const LintReport lint = Lint(request);
  EXPECT_EQ(RulesOf(lint.report), (std::set<std::string>{"AMP001", "AMP002"}));
  ASSERT_EQ(lint.report.errors.size(), 1u);
  EXPECT_EQ(lint.report.errors[0].file, "no/such/file.json");
}

TEST(Lint, TheConfigurationDisablesRulesAndSetsSeverities) {
  LintRequest request = OnBuffer("admin.json", kAdmin);
  ASSERT_TRUE(ParseConfig("rules:\n  IAM001: warning\n  IAM002: off\n", ".iamlint.yaml",
                          &request.config, nullptr));
  const LintReport lint = Lint(request);
  const Finding* iam001 = FindRule(lint.report, "IAM001");
  ASSERT_NE(iam001, nullptr);
  EXPECT_EQ(iam001->severity, Severity::kWarning);
  EXPECT_EQ(FindRule(lint.report, "IAM002"), nullptr);
  EXPECT_EQ(lint.report.rules.size(), AllRules().size() - 1);
}

TEST(Lint, SuppressionsExpireByTheGivenDate) {
  LintRequest request = OnBuffer("admin.json", kAdmin);
  std::vector<LoadError> errors;
  ASSERT_TRUE(ParseConfig(
      "suppressions:\n  - rule: IAM001\n    resource: admin.json\n    reason: break glass\n"
      "    expires: 2026-06-30\n",
      ".iamlint.yaml", &request.config, &errors))
      << (errors.empty() ? "" : errors[0].message);
  request.today = "2026-06-30";
  const LintReport before = Lint(request);
  ASSERT_NE(FindRule(before.report, "IAM001"), nullptr);
  EXPECT_TRUE(FindRule(before.report, "IAM001")->suppressed);
  request.today = "2026-07-01";
  const LintReport after = Lint(request);
  ASSERT_NE(FindRule(after.report, "IAM001"), nullptr);
  EXPECT_FALSE(FindRule(after.report, "IAM001")->suppressed);
  EXPECT_FALSE(after.report.notices.empty()) << "an expired suppression is a notice";
}

TEST(Lint, SourceMappingCanBeTurnedOff) {
  LintRequest request;
  const std::string plan = SourcePath("fixtures/plans/module-for-each.plan.json");
  request.paths = {plan};
  request.tf_dir = SourcePath("fixtures/tf/module-for-each");
  const LintReport mapped = Lint(request);
  ASSERT_FALSE(mapped.report.findings.empty());
  EXPECT_EQ(mapped.plan_dirs.count(plan), 1u);
  for (const auto& f : mapped.report.findings) {
    EXPECT_NE(f.loc.file, plan) << f.rule;
    EXPECT_EQ(f.input, plan);
  }
  request.source_mapping = false;
  const LintReport unmapped = Lint(request);
  ASSERT_EQ(unmapped.report.findings.size(), mapped.report.findings.size());
  for (size_t i = 0; i < unmapped.report.findings.size(); ++i) {
    EXPECT_EQ(unmapped.report.findings[i].loc.file, plan);
    EXPECT_TRUE(unmapped.report.findings[i].related.empty() ||
                unmapped.report.findings[i].related[0].message != "in the plan");
  }
  // Fingerprints are taken before mapping: the same either way.
  std::multiset<std::string> a;
  std::multiset<std::string> b;
  for (const auto& f : mapped.report.findings) a.insert(f.fingerprint);
  for (const auto& f : unmapped.report.findings) b.insert(f.fingerprint);
  EXPECT_EQ(a, b);
}

TEST(Lint, ABaselineLeavesOutTheFindingsItHolds) {
  const auto dir = testing::ScratchDir("lint");
  const std::string baseline = (dir / "baseline.json").string();
  LintRequest request = OnBuffer("admin.json", kAdmin);
  request.fingerprint_dir = dir.string();
  const LintReport first = Lint(request);
  ASSERT_FALSE(first.report.findings.empty());
  std::ofstream(baseline) << BaselineJson(first.report.findings, dir.string());
  request.baseline = baseline;
  const LintReport second = Lint(request);
  EXPECT_TRUE(second.report.errors.empty());
  EXPECT_TRUE(second.report.findings.empty()) << JsonOf(second.report);
  EXPECT_EQ(second.report.baseline.matched, first.report.findings.size());
  EXPECT_EQ(second.report.baseline.file, baseline);
  // Without a folder named, fingerprints are relative to the baseline's.
  request.fingerprint_dir.clear();
  EXPECT_EQ(Lint(request).report.baseline.matched, first.report.findings.size());
}

TEST(Lint, TheProgressCallbackFramesTheReading) {
  LintRequest request;
  request.paths = {SourcePath("fixtures/plans/seed-before.plan.json")};
  std::vector<bool> calls;  // true: counters given (reading starts), false: reading ended
  size_t files_seen_at_end = 0;
  const LoadProgress* counters = nullptr;
  request.progress = [&](const LoadProgress* p) {
    calls.push_back(p != nullptr);
    if (p != nullptr) counters = p;
    if (p == nullptr && counters != nullptr) files_seen_at_end = counters->files_done();
  };
  Lint(request);
  EXPECT_EQ(calls, (std::vector<bool>{true, false}));
  EXPECT_EQ(files_seen_at_end, 1u);
}

TEST(Lint, RunsKeepNoState) {
  LintRequest request;
  request.paths = {SourcePath("fixtures/plans/seed-before.plan.json")};
  const std::string once = JsonOf(Lint(request).report);
  Lint(OnBuffer("admin.json", kAdmin));
  EXPECT_EQ(JsonOf(Lint(request).report), once);
}

}  // namespace
}  // namespace iamlint
