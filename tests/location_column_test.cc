// Columns: where an input gives one (`.tf` source, a JSON syntax error), every format shows it
// -- text/markdown/junit as file:line:column, JSON as "column", SARIF as region.startColumn,
// GitHub as col= -- and where none is known, nothing is made up.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/location.h"
#include "report/report.h"

namespace iamlint {
namespace {

TEST(FormatPlace, ShowsAsMuchAsIsKnown) {
  EXPECT_EQ(FormatPlace("main.tf", 12, 7), "main.tf:12:7");
  EXPECT_EQ(FormatPlace("main.tf", 12, 0), "main.tf:12");
  EXPECT_EQ(FormatPlace("main.tf", 0, 7), "main.tf");  // a column without a line means nothing
  EXPECT_EQ(FormatPlace(Location{"p.json", "/a", 3, 0}), "p.json:3");
}

Report OneFinding(size_t line, size_t column) {
  Report r;
  r.inputs = {"infra/main.tf"};
  r.rules.push_back({FindRule("AMP001")->info, Severity::kError});
  Finding f;
  f.rule = "AMP001";
  f.name = "ssr-missing-compute-role";
  f.message = "m";
  f.resource = "aws_amplify_app.web";
  f.loc = Location{"infra/main.tf", "", line, column};
  f.input = "infra/main.tf";
  r.findings.push_back(f);
  LoadError e{"infra/broken.tf.json", line, "", "unexpected '}'"};
  e.column = column;
  r.errors.push_back(e);
  r.files_loaded = 1;
  return r;
}

std::string Write(const std::string& format, const Report& r) {
  std::ostringstream out;
  WriteReport(format, r, out, ReportOptions{});
  return out.str();
}

TEST(LocationColumn, EveryFormatShowsAKnownColumn) {
  const Report r = OneFinding(12, 7);
  EXPECT_NE(Write("text", r).find("infra/main.tf:12:7: error AMP001"), std::string::npos);
  EXPECT_NE(Write("text", r).find("infra/broken.tf.json:12:7: input error"), std::string::npos);
  EXPECT_NE(Write("markdown", r).find("infra/main.tf:12:7"), std::string::npos);
  EXPECT_NE(Write("junit", r).find("infra/main.tf:12:7"), std::string::npos);
  EXPECT_NE(Write("github", r).find("file=infra/main.tf,line=12,col=7,"), std::string::npos);
  const auto json = nlohmann::json::parse(Write("json", r));
  EXPECT_EQ(json["findings"][0]["location"]["column"], 7);
  EXPECT_EQ(json["errors"][0]["column"], 7);
  const auto sarif = nlohmann::json::parse(Write("sarif", r));
  const auto& region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 12);
  EXPECT_EQ(region["startColumn"], 7);
}

TEST(LocationColumn, NoColumnIsMadeUp) {
  const Report r = OneFinding(12, 0);
  const std::string text = Write("text", r);
  EXPECT_NE(text.find("infra/main.tf:12: error AMP001"), std::string::npos) << text;
  EXPECT_EQ(Write("github", r).find("col="), std::string::npos);
  const auto json = nlohmann::json::parse(Write("json", r));
  EXPECT_TRUE(json["findings"][0]["location"]["column"].is_null());
  EXPECT_TRUE(json["errors"][0]["column"].is_null());
  const auto sarif = nlohmann::json::parse(Write("sarif", r));
  EXPECT_FALSE(
      sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].contains(
          "startColumn"));
}

}  // namespace
}  // namespace iamlint
