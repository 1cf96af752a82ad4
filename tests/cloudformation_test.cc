// CloudFormation, CDK and SAM templates: the seed story in each form gives the findings its
// Terraform plan gives; intrinsics, short tags, conditions and broken templates.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "load/load.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using testing::CorpusDir;
using testing::ReadText;
using testing::RunIamlint;
using testing::RunResult;
using testing::SourcePath;

/// (rule, severity) of every finding of a `check --format json` run, sorted.
std::multiset<std::pair<std::string, std::string>> RulesOf(const std::vector<std::string>& paths,
                                                           int* exit_code = nullptr) {
  std::vector<std::string> args = {"check", "--format", "json", "--no-config"};
  args.insert(args.end(), paths.begin(), paths.end());
  RunResult r = RunIamlint(args);
  if (exit_code != nullptr) *exit_code = r.exit_code;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
  std::multiset<std::pair<std::string, std::string>> out;
  if (j.is_discarded()) return out;
  EXPECT_TRUE(j["errors"].empty()) << j["errors"].dump(2);
  for (const auto& f : j["findings"]) {
    out.insert({f["rule"].get<std::string>(), f["severity"].get<std::string>()});
  }
  return out;
}

TEST(CloudFormation, TheSeedStoryGivesTheSameFindingsInEveryForm) {
  int code = 0;
  const auto before = RulesOf({"fixtures/plans/seed-before.plan.json"}, &code);
  ASSERT_EQ(code, 1);
  ASSERT_EQ(before, (std::multiset<std::pair<std::string, std::string>>{{"AMP001", "error"},
                                                                        {"AMP002", "error"}}));
  for (const char* form : {"fixtures/cfn/seed-before.yaml", "fixtures/cfn/seed-before.json",
                           "fixtures/cfn/cdk-before/MyAppStack.template.json"}) {
    EXPECT_EQ(RulesOf({form}, &code), before) << form;
    EXPECT_EQ(code, 1) << form;
  }
  ASSERT_TRUE(RulesOf({"fixtures/plans/seed-after.plan.json"}).empty());
  for (const char* form : {"fixtures/cfn/seed-after.yaml", "fixtures/cfn/seed-after.json",
                           "fixtures/cfn/cdk-after/MyAppStack.template.json"}) {
    EXPECT_TRUE(RulesOf({form}, &code).empty()) << form;
    EXPECT_EQ(code, 0) << form;
  }
}

TEST(CloudFormation, FindingsPointAtTheTemplateLinesAndNameWhatUsersWrote) {
  RunResult r =
      RunIamlint({"check", "--format", "json", "--no-config", "fixtures/cfn/seed-before.yaml",
                  "fixtures/cfn/cdk-before/MyAppStack.template.json"});
  nlohmann::json j = nlohmann::json::parse(r.out);
  // Line of `  AmplifyApp:` and of `  AppPermissions:` in the YAML template.
  std::vector<std::string> lines;
  std::istringstream in(ReadText(SourcePath("fixtures/cfn/seed-before.yaml")));
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  auto line_of = [&](const std::string& text) {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i] == text) return static_cast<int>(i + 1);
    }
    return -1;
  };
  bool yaml_app = false;
  bool yaml_policy = false;
  bool cdk = false;
  for (const auto& f : j["findings"]) {
    const std::string file = f["location"]["file"];
    if (file == "fixtures/cfn/seed-before.yaml" && f["rule"] == "AMP001") {
      EXPECT_EQ(f["resource"], "AmplifyApp");
      EXPECT_EQ(f["location"]["pointer"], "/Resources/AmplifyApp");
      EXPECT_EQ(f["location"]["line"], line_of("  AmplifyApp:") + 1);  // its `Type:` line
      EXPECT_NE(f["hint"].get<std::string>().find("ComputeRoleArn"), std::string::npos);
      yaml_app = true;
    }
    if (file == "fixtures/cfn/seed-before.yaml" && f["rule"] == "AMP002") {
      EXPECT_EQ(f["resource"], "AppPermissions");  // the AWS::IAM::ManagedPolicy
      EXPECT_EQ(f["location"]["line"], line_of("  AppPermissions:") + 1);
      // The short-form !Sub ARNs were evaluated: partition and parameter known, the account
      // and region a wildcard.
      EXPECT_NE(f["message"].get<std::string>().find("arn:aws:dynamodb:*:*:table/my-app-*"),
                std::string::npos)
          << f["message"];
      yaml_policy = true;
    }
    if (file.find("cdk-before") != std::string::npos && f["rule"] == "AMP002") {
      // CDK: the construct path users wrote, and the table ARN from Fn::GetAtt.
      EXPECT_EQ(f["resource"], "MyAppStack/WebApp/Role/DefaultPolicy");
      EXPECT_NE(f["message"].get<std::string>().find("table/my-app-dev-orders"), std::string::npos);
      cdk = true;
    }
  }
  EXPECT_TRUE(yaml_app && yaml_policy && cdk) << j.dump(2);
}

TEST(CloudFormation, WhatTheTemplateCannotTellIsNeverAViolation) {
  // Fn::If between two compute roles, a parameter without a default, Fn::ImportValue.
  int code = 0;
  EXPECT_TRUE(RulesOf({"fixtures/cfn/conditional-roles.yaml"}, &code).empty());
  EXPECT_EQ(code, 0);
  // A statement chosen by Fn::If is neither invalid nor reported (cfn-lint's own good
  // template, written here in the same shape).
  const std::string yaml = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Bucket: {Type: String, Default: ""}
Conditions:
  HasBucket: !Not [!Equals [!Ref Bucket, ""]]
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:ListAllMyBuckets]
            Resource: "*"
          - !If
            - HasBucket
            - Effect: Allow
              Action: s3:GetObject
              Resource: !Sub arn:${AWS::Partition}:s3:::${Bucket}/*
            - !Ref AWS::NoValue
)";
  LoadResult loaded = LoadBuffers({{"conditional.yaml", yaml}}, LoadOptions());
  ASSERT_TRUE(loaded.errors.empty());
  ASSERT_EQ(loaded.model.scopes.size(), 1u);
  const auto& policies = loaded.model.scopes[0].policies;
  ASSERT_EQ(policies.size(), 1u);
  ASSERT_TRUE(policies[0].document.known());
  EXPECT_TRUE(policies[0].document.value().unknown_statements);
  EXPECT_EQ(policies[0].document.value().statements.size(), 1u);
  EXPECT_TRUE(RunRules(loaded.model).empty());
}

TEST(CloudFormation, SamTemplatesLoadAndTagsSuppress) {
  RunResult r = RunIamlint({"check", "--format", "json", "--no-config", "--input-format",
                            "cloudformation", "fixtures/cfn/sam-app.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  size_t suppressed = 0;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "AMP004") continue;
    EXPECT_TRUE(f["suppressed"].get<bool>());
    EXPECT_EQ(f["suppression"]["kind"], "tag");
    EXPECT_EQ(f["suppression"]["reason"],
              "sandbox keys of a throwaway account, removed in SHOP-88");
    ++suppressed;
  }
  EXPECT_EQ(suppressed, 2u);
  EXPECT_EQ(r.out.find("wJalrXUtnFEMI"), std::string::npos) << "secrets are never printed";
}

TEST(CloudFormation, BrokenTemplatesAreLocatedErrors) {
  const fs::path dir = fs::temp_directory_path() / ("iamlint_cfn_" + std::to_string(getpid()));
  fs::create_directories(dir);
  struct Case {
    const char* name;
    const char* text;
    const char* where;  // "file:line"
    const char* says;
  };
  const std::vector<Case> cases = {
      {"bad-indent.yaml",
       "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Role:\n    Type: "
       "AWS::IAM::Role\n   Properties: {}\n",
       "bad-indent.yaml:5:", "YAML"},
      {"truncated.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n \"Resources\": {\n",
       "truncated.json:3:", "JSON"},
      {"no-type.yaml",
       "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  App:\n    Properties:\n      "
       "Platform: WEB_COMPUTE\n",
       "no-type.yaml:4:", "has no `Type`"},
      {"list.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  - a\n  - b\n",
       "list.yaml:3:", "needs a `Resources` object"},
  };
  for (const auto& c : cases) {
    std::ofstream(dir / c.name) << c.text;
    RunResult r = RunIamlint({"check", "--no-config", (dir / c.name).string()});
    EXPECT_EQ(r.exit_code, 2) << c.name << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find(c.where), std::string::npos) << c.name << "\n" << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.name << "\n" << r.out;
  }
  fs::remove_all(dir);
}

TEST(CloudFormation, CorpusTemplatesLoadOrGiveLocatedErrors) {
  const std::string corpus = CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/corpus is not beside the project";
  size_t loaded = 0;
  for (const auto& e : fs::directory_iterator(corpus + "/cfn")) {
    RunResult r = RunIamlint({"check", "--no-config", "--format", "json", e.path().string()});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2)
        << e.path() << " exit " << r.exit_code << " signal " << r.signal << "\n"
        << r.err;
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << e.path();
    if (r.exit_code == 2) {
      ASSERT_FALSE(j["errors"].empty()) << e.path();
      EXPECT_FALSE(j["errors"][0]["file"].get<std::string>().empty());
    } else {
      ++loaded;
    }
  }
  EXPECT_GE(loaded, 20u) << "most corpus templates are real templates and must load";
  // cfn-lint's "good" IAM policy (a statement under Fn::If) gives no finding.
  RunResult good =
      RunIamlint({"check", "--no-config",
                  corpus + "/cfn/aws-cloudformation-cfn-lint__good_resources_iam_policy.yaml"});
  EXPECT_EQ(good.exit_code, 0) << good.out;
}

}  // namespace
}  // namespace iamlint
