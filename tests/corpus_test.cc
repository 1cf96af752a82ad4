// Runs the real binary over every file of ../shared/corpus (public plans, states,
// templates and policies written by other projects): no crash, exit 0/1/2 only,
// and every input error located (the file named, with a line where it is a parse error).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> out;
  std::string dir = testing::CorpusDir();
  if (dir.empty()) return out;
  for (const auto& f : fs::recursive_directory_iterator(dir)) {
    if (f.is_regular_file() && f.path().filename() != "MANIFEST.md") out.push_back(f.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Corpus, EveryFileLoadsOrGetsALocatedError) {
  std::vector<std::string> files = CorpusFiles();
  if (files.empty()) GTEST_SKIP() << "../shared/corpus is absent: corpus test skipped";
  size_t loaded = 0;
  size_t rejected = 0;
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    testing::RunResult r = testing::RunIamlint({"check", "--format", "json", f});
    ASSERT_EQ(r.signal, 0) << "iamlint crashed on " << f << "\n" << r.err;
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2) << r.exit_code;
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "output is not JSON:\n" << r.out;
    if (r.exit_code == 2) {
      ++rejected;
      ASSERT_FALSE(j["errors"].empty()) << "exit 2 without an error";
      for (const auto& e : j["errors"]) {
        EXPECT_EQ(e["file"], f);
        EXPECT_FALSE(e["message"].get<std::string>().empty());
        if (e["message"].get<std::string>().rfind("invalid JSON", 0) == 0) {
          EXPECT_TRUE(e["line"].is_number()) << "a parse error without a line";
        }
      }
    } else {
      ++loaded;
      EXPECT_TRUE(j["errors"].empty());
    }
  }
  // Most of the corpus is readable input; a collapse of that number is a regression.
  EXPECT_GT(loaded, files.size() / 3) << loaded << " loaded, " << rejected << " rejected";
}

TEST(Corpus, WholeCorpusInOneRunIsDeterministic) {
  std::string dir = testing::CorpusDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/corpus is absent: corpus test skipped";
  testing::RunResult a = testing::RunIamlint({"check", "--format", "json", dir});
  testing::RunResult b = testing::RunIamlint({"check", "--format", "json", dir});
  ASSERT_EQ(a.signal, 0);
  EXPECT_EQ(a.exit_code, b.exit_code);
  EXPECT_EQ(a.out, b.out);
  // Walking a folder skips files that are not inputs (counted) instead of failing on them.
  nlohmann::json j = nlohmann::json::parse(a.out);
  EXPECT_GT(j["summary"]["files_skipped"].get<int>(), 0);
  EXPECT_GT(j["summary"]["files_checked"].get<int>(), 30);
}

}  // namespace
}  // namespace iamlint

namespace iamlint {
namespace {

/// rule -> resources it reported, from `check --format json` of one corpus file.
std::map<std::string, std::set<std::string>> FindingsOf(const std::string& rel) {
  std::map<std::string, std::set<std::string>> out;
  const std::string dir = testing::CorpusDir();
  if (dir.empty()) return out;
  testing::RunResult r = testing::RunIamlint({"check", "--format", "json", dir + "/" + rel});
  EXPECT_LE(r.exit_code, 1) << rel << "\n" << r.out << r.err;  // warnings only: 0
  nlohmann::json j = nlohmann::json::parse(r.out);
  for (const auto& f : j["findings"]) out[f["rule"]].insert(f["resource"].get<std::string>());
  return out;
}

// The AWS Terraform IAM policy validator's own test plans: resource policies open to everyone,
// and a bucket policy that grants object actions on the bucket's ARN.
TEST(Corpus, ResourcePoliciesOfTheValidatorsTestPlansAreLinted) {
  if (testing::CorpusDir().empty()) GTEST_SKIP() << "no ../shared/corpus";
  auto open =
      FindingsOf("tfplan/awslabs-terraform-iam-policy-validator__public_access_test_plan.json");
  const std::set<std::string> want = {"aws_backup_vault_policy.example",
                                      "aws_codeartifact_domain_permissions_policy.example",
                                      "aws_dynamodb_resource_policy.example",
                                      "aws_kinesis_resource_policy.example_consumer_policy",
                                      "aws_kinesis_resource_policy.example_strem_policy",
                                      "aws_opensearch_domain_policy.main",
                                      "aws_s3_bucket_policy.allow_public_access",
                                      "aws_s3tables_table_bucket_policy.example",
                                      "aws_sns_topic_policy.default"};
  EXPECT_EQ(open["IAM011"], want);
  // Its REST API policy allows everyone from one IP range only: narrowed, not public.
  EXPECT_EQ(open["IAM011"].count("aws_api_gateway_rest_api_policy.example"), 0u);
  EXPECT_EQ(open["IAM009"].count("aws_s3_bucket_policy.allow_public_access"), 1u);

  auto none =
      FindingsOf("tfplan/awslabs-terraform-iam-policy-validator__no_access_granted_test_plan.json");
  EXPECT_EQ(none["IAM009"].count("aws_s3_bucket_policy.allow_access_from_another_account"), 1u);
  EXPECT_EQ(none.count("IAM011"), 0u) << "named accounts are not everyone";
}

}  // namespace
}  // namespace iamlint
