// Findings alike in one document are aggregated, and one rule keeps a bounded number of
// findings per document: a policy of 250,000 empty statements is a handful of findings, not
// 750,000 (nor 0.9 GB).
#include <string>

#include <gtest/gtest.h>

#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

const RuleInfo kRule{.id = "TST001", .name = "test-rule", .severity = Severity::kError};

Location At(const std::string& pointer) {
  Location loc;
  loc.file = "p.json";
  loc.pointer = pointer;
  loc.line = 1;
  return loc;
}

TEST(Aggregation, FewAlikeAreShownOneByOne) {
  Findings out;
  for (int i = 0; i < 5; ++i) {
    out.Add(kRule, {.resource = "p.json",
                    .loc = At("/Statement/" + std::to_string(i)),
                    .message = "statement \"S" + std::to_string(i) + "\" has no Effect"});
  }
  ASSERT_EQ(out.list().size(), 5u);
  EXPECT_EQ(out.list()[3].message, "statement \"S3\" has no Effect");
}

TEST(Aggregation, ManyAlikeBecomeOneWithTheFirstPlaces) {
  Findings out;
  for (int i = 0; i < 1000; ++i) {
    Finding& f = out.Add(kRule, {.resource = "p.json",
                                 .loc = At("/Statement/" + std::to_string(i)),
                                 .message = "statement " + std::to_string(i) + " has no Effect"});
    f.related.push_back({"the policy", At("")});  // what a rule adds after Add is kept
  }
  out.Add(kRule, {.resource = "p.json", .loc = At("/Statement/3"), .message = "another message"});
  out.Add(
      kRule,
      {.resource = "q.json", .loc = At("/Statement/3"), .message = "statement 3 has no Effect"});
  const auto& list = out.list();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].message, "statement 0 has no Effect (and 999 more like it in this document)");
  EXPECT_EQ(list[0].loc.pointer, "/Statement/0");
  ASSERT_EQ(list[0].related.size(), 1u + (Findings::kShownAlike - 1));
  EXPECT_EQ(list[0].related[1].loc.pointer, "/Statement/1");
  EXPECT_EQ(list[0].related[4].loc.pointer, "/Statement/4");
  EXPECT_EQ(list[1].message, "another message");
  EXPECT_EQ(list[2].resource, "q.json");  // another resource is another group
}

TEST(Aggregation, DocumentsAndSeveritiesAreNotMixed) {
  Findings out;
  for (int i = 0; i < 10; ++i) {
    out.Add(kRule, {.resource = "p.json",
                    .loc = At("/a/Statement/" + std::to_string(i)),
                    .message = "no Effect"});
    out.Add(kRule, {.resource = "p.json",
                    .loc = At("/b/Statement/" + std::to_string(i)),
                    .message = "no Effect"});
    out.Add(kRule, {.resource = "p.json",
                    .loc = At("/b/Statement/" + std::to_string(i)),
                    .message = "no Effect",
                    .severity = Severity::kNote});
  }
  ASSERT_EQ(out.list().size(), 3u);
  for (const auto& f : out.list()) EXPECT_NE(f.message.find("9 more"), std::string::npos);
}

TEST(Aggregation, OneRuleKeepsABoundedNumberPerDocument) {
  Findings out;
  // Messages of different shapes (not aggregated): past the cap they are only counted.
  for (int i = 0; i < 1000; ++i) {
    out.Add(kRule, {.resource = "p.json",
                    .loc = At("/Statement/" + std::to_string(i)),
                    .message = "action " + std::string(static_cast<size_t>(i % 26 + 1), 'x') +
                               std::string(static_cast<size_t>(i / 26 + 1), 'y') + " is unknown"});
  }
  const auto& list = out.list();
  ASSERT_EQ(list.size(), Findings::kPerDocument + 1);
  const Finding& note = list.back();
  EXPECT_EQ(note.severity, Severity::kNote);
  EXPECT_EQ(note.rule, "TST001");
  EXPECT_EQ(note.message,
            "800 more TST001 findings in this document not shown (at most 200 per "
            "rule and document)");
}

TEST(Aggregation, EmptyStatementsPolicyIsAFewFindings) {
  // 250,000 empty statements: each lacks Effect, Action and Resource.
  const std::string dir =
      std::filesystem::temp_directory_path() / ("iamlint_aggregation_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string text = "{\"Version\": \"2012-10-17\", \"Statement\": [";
  for (int i = 0; i < 250000; ++i) text += i == 0 ? "{}" : ",{}";
  text += "]}";
  {
    std::ofstream f(dir + "/policy.json");
    f << text;
  }
  testing::RunResult r = testing::RunInProcess({"check", "--format", "json", dir + "/policy.json"});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_LT(r.out.size(), 64u * 1024) << "the report should be a few findings";
  EXPECT_NE(r.out.find("249999 more like it in this document"), std::string::npos);
}

}  // namespace
}  // namespace iamlint
