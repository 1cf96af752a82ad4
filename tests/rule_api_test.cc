// The rule API: findings added by name, the helpers rules share to read a scope and name a
// statement, and the references of a rule shown by `explain` and in SARIF.
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/model.h"
#include "report/report.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

const RuleInfo kRule{
    .id = "TST002",
    .name = "api-test",
    .severity = Severity::kWarning,
    .summary = "s",
    .what = "w",
    .why = "y",
    .example = "e",
    .fix = "f",
    .references = {"https://docs.aws.amazon.com/a.html", "https://docs.aws.amazon.com/b.html"},
};

Location At(const std::string& pointer) { return Location{"p.json", pointer, 3}; }

TEST(RuleApi, AddTakesEveryPartByNameWithTheRulesSeverity) {
  Findings out;
  Finding& f = out.Add(kRule, {.resource = "aws_iam_policy.p",
                               .loc = At("/Statement/0"),
                               .message = "the message",
                               .hint = "the hint"});
  EXPECT_EQ(f.rule, "TST002");
  EXPECT_EQ(f.name, "api-test");
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.resource, "aws_iam_policy.p");
  EXPECT_EQ(f.loc.pointer, "/Statement/0");
  EXPECT_EQ(f.message, "the message");
  EXPECT_EQ(f.hint, "the hint");
}

TEST(RuleApi, AddTakesAnotherSeverityWhenGiven) {
  Findings out;
  out.Add(kRule, {.resource = "r", .loc = At(""), .message = "m", .severity = Severity::kNote});
  ASSERT_EQ(out.list().size(), 1u);
  EXPECT_EQ(out.list()[0].severity, Severity::kNote);
  EXPECT_EQ(out.list()[0].hint, "");
}

TEST(RuleApi, StatementLabelNamesAStatementBySid) {
  Statement st;
  EXPECT_EQ(StatementLabel(st), "");
  st.sid = "AllowAll";
  EXPECT_EQ(StatementLabel(st), " (statement \"AllowAll\")");
}

TEST(RuleApi, PolicyOfAndBranchOfReadTheScopeByIndex) {
  Scope scope;
  scope.policies.resize(2);
  scope.policies[1].display = "aws_iam_policy.second";
  scope.branches.resize(3);
  scope.branches[2].name = "main";
  EXPECT_EQ(PolicyOf(scope, 1).display, "aws_iam_policy.second");
  EXPECT_EQ(&PolicyOf(scope, 0), &scope.policies[0]);
  EXPECT_EQ(BranchOf(scope, 2).name, "main");
}

TEST(RuleApi, ExplainListsTheReferences) {
  std::ostringstream out;
  WriteExplain(kRule, out);
  EXPECT_NE(out.str().find("\nReferences\n  https://docs.aws.amazon.com/a.html\n"
                           "  https://docs.aws.amazon.com/b.html\n"),
            std::string::npos)
      << out.str();
}

TEST(RuleApi, ExplainOfARuleWithoutReferencesHasNoSection) {
  RuleInfo bare = kRule;
  bare.references.clear();
  std::ostringstream out;
  WriteExplain(bare, out);
  EXPECT_EQ(out.str().find("References"), std::string::npos);
}

// Every registered rule's SARIF descriptor: helpUri is its first reference, and the help
// (text and Markdown) lists them all.
TEST(RuleApi, SarifRulesCarryHelpUriAndEveryReference) {
  std::ostringstream out;
  WriteSarif(Report(), out, ReportOptions());
  const nlohmann::json sarif = nlohmann::json::parse(out.str());
  const auto& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), AllRules().size());
  for (const auto& r : AllRules()) {
    const auto* d = [&]() -> const nlohmann::json* {
      for (const auto& rule : rules) {
        if (rule["id"] == r.info->id) return &rule;
      }
      return nullptr;
    }();
    ASSERT_NE(d, nullptr) << r.info->id;
    ASSERT_FALSE(r.info->references.empty()) << r.info->id;
    EXPECT_EQ((*d)["helpUri"], r.info->references.front()) << r.info->id;
    const std::string text = (*d)["help"]["text"];
    const std::string md = (*d)["help"]["markdown"];
    for (const auto& url : r.info->references) {
      EXPECT_NE(text.find("- " + url + "\n"), std::string::npos) << r.info->id << " " << url;
      EXPECT_NE(md.find("- <" + url + ">\n"), std::string::npos) << r.info->id << " " << url;
    }
  }
}

}  // namespace
}  // namespace iamlint
