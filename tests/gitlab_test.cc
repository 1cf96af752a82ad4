// GitLab Code Quality (`--format gitlab`): the shape GitLab reads, fingerprints unique per
// finding and stable across runs, paths relative to the project root.
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "test_util.h"

namespace iamlint {
namespace {

nlohmann::json Gitlab(const std::vector<std::string>& paths, int* code = nullptr) {
  std::vector<std::string> args = {"check",  "--no-config",  "--format",
                                   "gitlab", "--sarif-root", testing::SourceDir()};
  for (const auto& p : paths) args.push_back(testing::SourcePath(p));
  std::ostringstream out;
  std::ostringstream err;
  int c = RunCli(args, out, err, false);
  if (code != nullptr) *code = c;
  return nlohmann::json::parse(out.str());
}

void ExpectCodeQualityShape(const nlohmann::json& list) {
  ASSERT_TRUE(list.is_array());
  static const std::set<std::string> kSeverities = {"info", "minor", "major", "critical",
                                                    "blocker"};
  std::set<std::string> fingerprints;
  for (const auto& e : list) {
    ASSERT_TRUE(e["description"].is_string()) << e;
    EXPECT_FALSE(e["description"].get<std::string>().empty());
    ASSERT_TRUE(e["check_name"].is_string()) << e;
    ASSERT_TRUE(e["fingerprint"].is_string()) << e;
    EXPECT_TRUE(kSeverities.count(e["severity"].get<std::string>()) > 0) << e;
    ASSERT_TRUE(e["location"]["path"].is_string()) << e;
    const std::string path = e["location"]["path"];
    EXPECT_NE(path.front(), '/') << "paths are relative to the project root: " << path;
    EXPECT_EQ(path.find(".."), std::string::npos) << path;
    ASSERT_TRUE(e["location"]["lines"]["begin"].is_number_integer()) << e;
    EXPECT_GE(e["location"]["lines"]["begin"].get<int>(), 1);
    EXPECT_TRUE(fingerprints.insert(e["fingerprint"].get<std::string>()).second)
        << "duplicate fingerprint: " << e;
  }
}

TEST(GitlabCodeQuality, SeedPlanGivesTwoCriticalEntriesAtTheirLines) {
  int code = 0;
  nlohmann::json list = Gitlab({"fixtures/plans/seed-before.plan.json"}, &code);
  EXPECT_EQ(code, 1);
  ExpectCodeQualityShape(list);
  ASSERT_EQ(list.size(), 2U) << list.dump(1);
  EXPECT_EQ(list[0]["check_name"], "AMP001 ssr-missing-compute-role");
  EXPECT_EQ(list[0]["severity"], "critical");
  EXPECT_EQ(list[0]["location"]["path"], "fixtures/plans/seed-before.plan.json");
  EXPECT_EQ(list[0]["location"]["lines"]["begin"], 7);
  EXPECT_EQ(list[1]["check_name"], "AMP002 app-permissions-on-service-role");
}

TEST(GitlabCodeQuality, FingerprintsAreUniqueAndStableAcrossRuns) {
  // Many findings; privilege-escalation.json has several of one rule on one policy, which
  // share their baseline fingerprint.
  const std::vector<std::string> inputs = {
      "fixtures/policies/privilege-escalation.json", "fixtures/cli/users-groups",
      "fixtures/plans/seed-before.plan.json", "fixtures/plans/external-service-role.plan.json"};
  nlohmann::json first = Gitlab(inputs);
  ExpectCodeQualityShape(first);
  EXPECT_GT(first.size(), 4U);
  EXPECT_EQ(Gitlab(inputs).dump(), first.dump());
}

TEST(GitlabCodeQuality, InputErrorsAreBlockersAndCleanInputsAnEmptyArray) {
  nlohmann::json clean = Gitlab({"fixtures/plans/seed-after.plan.json"});
  EXPECT_EQ(clean, nlohmann::json::array());
  int code = 0;
  nlohmann::json broken =
      Gitlab({"fixtures/plans/seed-after.plan.json", "tests/no-such.json"}, &code);
  EXPECT_EQ(code, 2);
  ExpectCodeQualityShape(broken);
  ASSERT_EQ(broken.size(), 1U) << broken.dump(1);
  EXPECT_EQ(broken[0]["severity"], "blocker");
  EXPECT_EQ(broken[0]["location"]["path"], "tests/no-such.json");
}

}  // namespace
}  // namespace iamlint
