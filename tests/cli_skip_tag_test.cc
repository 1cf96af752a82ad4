// `iamlint:skip` tags in AWS CLI dumps: a team that tags a resource in the account gets the
// same suppression from a CLI audit as from its Terraform plan or template. Tags sit inside the
// object (roles, instances, build projects: {Key, Value} or {key, value}) or beside it
// (get-function's `Tags` map, describe-task-definition --include TAGS's `tags`).
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct TagCase {
  std::string scenario;  // fixtures/cli/NAME
  std::string file;      // the dump the tags go into
  std::string pointer;   // where they go
  json tags;
  std::string rule;    // the finding they suppress
  std::string reason;  // what the suppression's reason holds
  std::string other;   // a finding of the same run they leave alone ("" when none)
};

/// The findings of `rule` in a check of `dir`: each one's "suppressed" and reason.
std::vector<std::pair<bool, std::string>> FindingsOf(const json& report, const std::string& rule) {
  std::vector<std::pair<bool, std::string>> out;
  for (const auto& f : report["findings"]) {
    if (f["rule"] != rule) continue;
    std::string reason;
    if (f.contains("suppression")) reason = f["suppression"].value("reason", "");
    out.emplace_back(f["suppressed"].get<bool>(), reason);
  }
  return out;
}

json CheckFolder(const fs::path& dir) {
  testing::RunResult r =
      testing::RunInProcess({"check", "--no-config", "--format", "json", dir.string()});
  EXPECT_NE(r.exit_code, 2) << r.out << r.err;
  return json::parse(r.out);
}

TEST(CliSkipTags, TagsInAndBesideDumpsSuppressTheirResourcesFindings) {
  const std::vector<TagCase> cases = {
      {"lambda-keys-in-env", "get-function.json", "/Tags",
       json::parse(R"({"team": "billing", "iamlint:skip": "LMB002: key rotated out in SEC-88"})"),
       "LMB002", "SEC-88", ""},
      {"ecs-permissions-on-execution-role", "describe-task-definition.json", "/tags",
       json::parse(R"([{"key": "iamlint:skip", "value": "ECS001: task role lands in OPS-5"}])"),
       "ECS001", "OPS-5", "ECS002"},
      {"codebuild-plaintext-keys", "batch-get-projects.json", "/projects/0/tags",
       json::parse(R"([{"key": "iamlint:skip", "value": "CBD002: legacy pipeline, SEC-90"}])"),
       "CBD002", "SEC-90", ""},
      {"ec2-profile-wrong-trust", "authorization-details.json", "/RoleDetailList/0/Tags",
       json::parse(R"([{"Key": "iamlint:skip", "Value": "EC2001: decommissioned in INF-2"}])"),
       "EC2001", "INF-2", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.scenario);
    const fs::path dir = testing::ScratchDir("cliskip") / c.scenario;
    fs::create_directories(dir);
    fs::copy(testing::SourcePath("fixtures/cli/" + c.scenario), dir,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    // Untagged, the finding is there and counts.
    auto before = FindingsOf(CheckFolder(dir), c.rule);
    ASSERT_FALSE(before.empty());
    for (const auto& [suppressed, reason] : before) EXPECT_FALSE(suppressed);
    // Tagged, it stays in the report, suppressed by the tag with its reason.
    json dump = json::parse(testing::ReadText((dir / c.file).string()));
    dump[json::json_pointer(c.pointer)] = c.tags;
    std::ofstream(dir / c.file, std::ios::trunc) << dump.dump(2);
    const json after = CheckFolder(dir);
    auto tagged = FindingsOf(after, c.rule);
    ASSERT_EQ(tagged.size(), before.size()) << after.dump(1);
    for (const auto& [suppressed, reason] : tagged) {
      EXPECT_TRUE(suppressed) << after.dump(1);
      EXPECT_NE(reason.find(c.reason), std::string::npos) << reason;
    }
    if (!c.other.empty()) {
      auto others = FindingsOf(after, c.other);
      ASSERT_FALSE(others.empty());
      for (const auto& [suppressed, reason] : others) EXPECT_FALSE(suppressed) << c.other;
    }
  }
}

TEST(CliSkipTags, ATagForAnotherRuleOrWithoutAReasonSuppressesNothing) {
  const fs::path dir = testing::ScratchDir("cliskip") / "lambda";
  fs::create_directories(dir);
  fs::copy(testing::SourcePath("fixtures/cli/lambda-keys-in-env"), dir,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  for (const char* value : {"LMB003: not this one", "LMB002"}) {
    SCOPED_TRACE(value);
    json dump = json::parse(testing::ReadText((dir / "get-function.json").string()));
    dump["Tags"] = {{"iamlint:skip", value}};
    std::ofstream(dir / "get-function.json", std::ios::trunc) << dump.dump(2);
    const json report = CheckFolder(dir);
    auto found = FindingsOf(report, "LMB002");
    ASSERT_FALSE(found.empty());
    for (const auto& [suppressed, reason] : found) EXPECT_FALSE(suppressed) << report.dump(1);
  }
}

}  // namespace
}  // namespace iamlint
