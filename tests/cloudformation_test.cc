// CloudFormation, CDK and SAM templates: the seed story in each form gives the findings its
// Terraform plan gives; intrinsics, short tags, conditions and broken templates.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "load/load.h"
#include "model/model.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using testing::CorpusDir;
using testing::ReadText;
using testing::RunInProcess;
using testing::RunResult;
using testing::SourcePath;

/// (rule, severity) of every finding of a `check --format json` run, sorted.
std::multiset<std::pair<std::string, std::string>> RulesOf(const std::vector<std::string>& paths,
                                                           int* exit_code = nullptr) {
  std::vector<std::string> args = {"check", "--format", "json", "--no-config"};
  args.insert(args.end(), paths.begin(), paths.end());
  RunResult r = RunInProcess(args);
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
      RunInProcess({"check", "--format", "json", "--no-config", "fixtures/cfn/seed-before.yaml",
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
      EXPECT_EQ(f["location"]["line"], line_of("  AmplifyApp:"));  // the logical ID's line
      EXPECT_NE(f["hint"].get<std::string>().find("ComputeRoleArn"), std::string::npos);
      yaml_app = true;
    }
    if (file == "fixtures/cfn/seed-before.yaml" && f["rule"] == "AMP002") {
      EXPECT_EQ(f["resource"], "AppPermissions");  // the AWS::IAM::ManagedPolicy
      EXPECT_EQ(f["location"]["line"], line_of("  AppPermissions:"));
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
  RunResult r = RunInProcess({"check", "--format", "json", "--no-config", "--input-format",
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
       "no-type.yaml:3:", "has no `Type`"},
      {"list.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  - a\n  - b\n",
       "list.yaml:2:", "needs a `Resources` object"},
  };
  for (const auto& c : cases) {
    std::ofstream(dir / c.name) << c.text;
    RunResult r = RunInProcess({"check", "--no-config", (dir / c.name).string()});
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
    RunResult r = RunInProcess({"check", "--no-config", "--format", "json", e.path().string()});
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
      RunInProcess({"check", "--no-config",
                    corpus + "/cfn/aws-cloudformation-cfn-lint__good_resources_iam_policy.yaml"});
  EXPECT_EQ(good.exit_code, 0) << good.out;

  // What these real templates give (checked by hand against each file).
  using Rules = std::multiset<std::pair<std::string, std::string>>;
  struct Expect {
    const char* file;
    Rules rules;
  };
  const std::vector<Expect> expected = {
      // cfn-lint's 80 KB template, Fn::If and Mappings throughout, no IAM: nothing.
      {"cfn/aws-cloudformation-cfn-lint__public_watchmaker.json", {}},
      // A logical ID written three times: the last is read, as CloudFormation does.
      {"cfn/aws-cloudformation-cfn-lint__bad_duplicate.yaml", {}},
      // SAM with conditions: its AWS::IAM::ManagedPolicy is read (cloudwatch/logs on "*").
      {"cfn/aws-cloudformation-cfn-lint__issues_sam_w_conditions.yaml", {{"IAM008", "warning"}}},
      // The Amplify resource provider's own role: iam:PassRole on "*".
      {"cfn/aws-cloudformation-resource-providers-amplify__aws-amplify-app_resource-role.yaml",
       {{"IAM003", "error"}, {"IAM008", "warning"}}},
      // Checkov's open trust policies (Principal "*" and {"AWS": ["*"]}).
      {"cfn/bridgecrewio-checkov__cloudformation_checks_resource_aws_example_"
       "IAMRoleAllowsPublicAssume_FAILED-2.yml",
       {{"IAM004", "error"}, {"IAM004", "error"}}},
      // Trust of an account root: whether it is another account cannot be told.
      {"cfn/bridgecrewio-checkov__cloudformation_checks_resource_aws_example_"
       "IAMRoleAllowAssumeFromAccount_example_IAMRoleAllowAssumeFromAccount-FAILED.yml",
       {}},
      // KICS: an Amplify app whose IAMServiceRole is the literal "String".
      {"amplify/Checkmarx-kics__assets_queries_cloudFormation_aws_amplify_app_access_token_"
       "exposed_test_positive1.yaml",
       {}},
  };
  for (const auto& e : expected) {
    EXPECT_EQ(RulesOf({corpus + "/" + e.file}), e.rules) << e.file;
  }
  // The policy validator's test template as YAML and as JSON: the same findings.
  const Rules yaml =
      RulesOf({corpus +
               "/cfn/awslabs-aws-cloudformation-iam-policy-validator__test_files_test_file_2.yml"});
  EXPECT_FALSE(yaml.empty());
  EXPECT_EQ(yaml, RulesOf({corpus + "/cfn/awslabs-aws-cloudformation-iam-policy-validator__"
                                    "test_files_test_file_2.json"}));
  // Broken ones: located errors.
  for (const auto& [file, where] : std::vector<std::pair<std::string, std::string>>{
           {"aws-cloudformation-cfn-lint__bad_json_parse.json", ":5:"},
           {"awslabs-aws-cloudformation-iam-policy-validator__test_files_invalid_file.json",
            ":3:"}}) {
    RunResult r = RunInProcess({"check", "--no-config", corpus + "/cfn/" + file});
    EXPECT_EQ(r.exit_code, 2) << file;
    EXPECT_NE(r.out.find(file + where), std::string::npos) << r.out;
  }
}

/// One template, loaded from memory; asserts it loads cleanly.
Scope LoadOne(const std::string& name, const std::string& text) {
  LoadResult loaded = LoadBuffers({{name, text}}, LoadOptions());
  EXPECT_TRUE(loaded.errors.empty()) << (loaded.errors.empty() ? "" : loaded.errors[0].message);
  EXPECT_EQ(loaded.model.scopes.size(), 1u);
  if (loaded.model.scopes.size() != 1) return Scope();
  EXPECT_EQ(loaded.model.scopes[0].kind, Scope::Kind::kCloudFormation);
  return std::move(loaded.model.scopes[0]);
}

/// 1-based line of the first line of `text` that contains `needle`.
size_t LineOf(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  size_t n = 0;
  for (std::string l; std::getline(in, l);) {
    ++n;
    if (l.find(needle) != std::string::npos) return n;
  }
  return 0;
}

/// The findings of every rule on one scope.
std::vector<Finding> FindingsOf(Scope s) {
  Model m;
  m.scopes.push_back(std::move(s));
  return RunRules(m);
}

int RoleIndex(const Scope& s, const std::string& display) {
  for (size_t i = 0; i < s.roles.size(); ++i) {
    if (s.roles[i].display == display) return static_cast<int>(i);
  }
  return -1;
}

const char kShortTags[] = R"(AWSTemplateFormatVersion: 2010-09-09
Parameters:
  Env: {Type: String, Default: dev}
Mappings:
  Stage: {dev: {Framework: "Next.js - SSR"}}
Resources:
  Compute:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub ${Env}-compute
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: !Join [".", [amplify, !Ref AWS::URLSuffix]]}
            Action: sts:AssumeRole
  Web:
    Type: AWS::Amplify::App
    Properties:
      Name: !Sub shop-${Env}-${AWS::Region}
      Platform: WEB_COMPUTE
      ComputeRoleArn: !GetAtt Compute.Arn
      IAMServiceRole: !GetAtt [Compute, Arn]
  Main:
    Type: AWS::Amplify::Branch
    Properties:
      AppId: !GetAtt Web.AppId
      BranchName: !Select [0, [main, other]]
      Framework: !FindInMap [Stage, !Ref Env, Framework]
      ComputeRoleArn: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Compute}"
)";

TEST(CloudFormation, ShortTagsBecomeLongFormsAndKeepTheirLines) {
  const std::string text = kShortTags;
  Scope s = LoadOne("short.yaml", text);
  ASSERT_EQ(s.apps.size(), 1u);
  ASSERT_EQ(s.branches.size(), 1u);
  const int compute = RoleIndex(s, "Compute");
  ASSERT_GE(compute, 0);
  const Role& role = s.roles[static_cast<size_t>(compute)];
  EXPECT_EQ(role.name.value_or("?"), "dev-compute");  // !Sub with a parameter default
  EXPECT_EQ(role.loc.pointer, "/Resources/Compute");
  EXPECT_EQ(role.loc.line, LineOf(text, "  Compute:"));  // the logical ID's line
  // !Join with AWS::URLSuffix in the trust policy: amplify.amazonaws.com.
  ASSERT_TRUE(role.trust.known());
  ASSERT_EQ(role.trust.value().statements.size(), 1u);
  EXPECT_EQ(role.trust.value().statements[0].principal.ids.at("Service"),
            std::vector<std::string>{"amplify.amazonaws.com"});
  EXPECT_EQ(role.trust.value().statements[0].loc.line, LineOf(text, "- Effect: Allow"));

  const App& app = s.apps[0];
  EXPECT_EQ(app.platform.value_or("?"), "WEB_COMPUTE");
  EXPECT_EQ(app.name.value_or("?"), "shop-dev-${AWS::Region}");  // unknown part as written
  // !GetAtt X.Arn (string form) and !GetAtt [X, Arn] (list form) both name the role.
  EXPECT_EQ(app.compute_role.state, RoleRef::State::kResolved);
  EXPECT_EQ(app.compute_role.role, compute);
  EXPECT_EQ(app.compute_role.loc.pointer, "/Resources/Web/Properties/ComputeRoleArn");
  EXPECT_EQ(app.compute_role.loc.line, LineOf(text, "ComputeRoleArn: !GetAtt Compute.Arn"));
  EXPECT_EQ(app.service_role.state, RoleRef::State::kResolved);
  EXPECT_EQ(app.service_role.role, compute);
  EXPECT_EQ(app.service_role.loc.line, LineOf(text, "IAMServiceRole:"));

  const Branch& b = s.branches[0];
  EXPECT_EQ(b.app, 0);  // !GetAtt Web.AppId
  EXPECT_EQ(b.name, "main");
  EXPECT_EQ(b.framework.value_or("?"), "Next.js - SSR");
  // ${Compute} in a !Sub names the role, whatever the account.
  EXPECT_EQ(b.compute_role.state, RoleRef::State::kResolved);
  EXPECT_EQ(b.compute_role.role, compute);
  EXPECT_EQ(b.compute_role.loc.pointer, "/Resources/Main/Properties/ComputeRoleArn");
  EXPECT_EQ(b.compute_role.loc.line, LineOf(text, "ComputeRoleArn: !Sub"));

  // The same template in JSON long forms gives the same model.
  const std::string json = R"({"AWSTemplateFormatVersion": "2010-09-09",
 "Parameters": {"Env": {"Type": "String", "Default": "dev"}},
 "Resources": {
  "Compute": {"Type": "AWS::IAM::Role", "Properties": {
    "RoleName": {"Fn::Sub": "${Env}-compute"},
    "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
      "Principal": {"Service": "amplify.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
  "Web": {"Type": "AWS::Amplify::App", "Properties": {
    "Platform": "WEB_COMPUTE",
    "ComputeRoleArn": {"Fn::GetAtt": ["Compute", "Arn"]},
    "IAMServiceRole": {"Fn::GetAtt": "Compute.Arn"}}}}}
)";
  Scope j = LoadOne("long.json", json);
  ASSERT_EQ(j.apps.size(), 1u);
  EXPECT_EQ(j.apps[0].compute_role.state, RoleRef::State::kResolved);
  EXPECT_EQ(j.apps[0].compute_role.loc.line, LineOf(json, "\"ComputeRoleArn\""));
  EXPECT_EQ(j.apps[0].service_role.state, RoleRef::State::kResolved);
  EXPECT_EQ(j.roles[0].name.value_or("?"), "dev-compute");
}

TEST(CloudFormation, IfOnBothBranchesAndUnknownParameters) {
  const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String}
  RoleArn: {Type: String}
  FromSsm: {Type: "AWS::SSM::Parameter::Value<String>", Default: /shop/compute-role-arn}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  A:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: amplify.amazonaws.com}, Action: sts:AssumeRole}]}
  B:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: amplify.amazonaws.com}, Action: sts:AssumeRole}]}
  Same:
    Type: AWS::Amplify::App
    Properties:
      Platform: WEB_COMPUTE
      ComputeRoleArn: !If [IsProd, !GetAtt A.Arn, !Sub "${A.Arn}"]
  Differ:
    Type: AWS::Amplify::App
    Properties:
      Platform: WEB_COMPUTE
      ComputeRoleArn: !If [IsProd, !GetAtt A.Arn, !GetAtt B.Arn]
  Maybe:
    Type: AWS::Amplify::App
    Properties:
      Platform: WEB_COMPUTE
      ComputeRoleArn: !If [IsProd, !GetAtt A.Arn, !Ref AWS::NoValue]
  NoDefault:
    Type: AWS::Amplify::App
    Properties:
      Platform: !If [IsProd, WEB_COMPUTE, WEB]
      ComputeRoleArn: !Ref RoleArn
  Ssm:
    Type: AWS::Amplify::App
    Properties:
      Platform: WEB_COMPUTE
      ComputeRoleArn: !Ref FromSsm
)";
  Scope s = LoadOne("if.yaml", text);
  ASSERT_EQ(s.apps.size(), 5u);
  // Both branches name role A: it is A.
  EXPECT_EQ(s.apps[0].compute_role.state, RoleRef::State::kResolved);
  EXPECT_EQ(s.apps[0].compute_role.role, RoleIndex(s, "A"));
  // A or B, A or nothing, a parameter without default, an SSM parameter's name: unknown.
  for (size_t i = 1; i < 5; ++i) {
    EXPECT_EQ(s.apps[i].compute_role.state, RoleRef::State::kUnknown) << s.apps[i].display;
  }
  EXPECT_TRUE(s.apps[3].platform.unknown());
  // None of it is a finding.
  EXPECT_TRUE(FindingsOf(std::move(s)).empty());
}

TEST(CloudFormation, UnknownPartsOfPolicyValuesAreNotWildcards) {
  // `${Svc}:*` is not every action of every service, `${Bucket}` alone not every resource,
  // `${AWS::AccountId}` in a principal not every account: no IAM finding may come of them.
  const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Svc: {Type: String}
  Act: {Type: String}
  Bucket: {Type: String}
  Target: {Type: String}
  Effect: {Type: String}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: !Sub "${Svc}:*"
                Resource: arn:aws:s3:::x
              - Effect: Allow
                Action: !Sub "s3:${Act}"
                Resource: "*"
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Join ["", [!Ref Bucket]]
              - Effect: !Ref Effect
                Action: "*"
                Resource: "*"
              - Effect: Allow
                Action: iam:PassRole
                Resource: !Sub "${Target}"
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"
              - Effect: Deny
                Action: s3:GetObject
                Resource: !Sub "arn:aws:s3:::${Bucket}/private/*"
)";
  Scope s = LoadOne("wild.yaml", text);
  ASSERT_EQ(s.policies.size(), 1u);
  ASSERT_TRUE(s.policies[0].document.known());
  const auto& st = s.policies[0].document.value().statements;
  ASSERT_EQ(st.size(), 7u);
  for (size_t i = 0; i < 5; ++i) EXPECT_TRUE(st[i].unknown_core) << i;
  // An Allow keeps the pattern (it may allow that much, never more)...
  EXPECT_FALSE(st[5].unknown_core);
  EXPECT_EQ(st[5].resources, std::vector<std::string>{"arn:aws:s3:::*/*"});
  // ...a Deny does not: it would deny more than the template says.
  EXPECT_TRUE(st[6].unknown_core);
  EXPECT_TRUE(st[6].resources.empty());
  ASSERT_TRUE(s.roles[0].trust.known());
  EXPECT_TRUE(s.roles[0].trust.value().statements[0].unknown_core);
  EXPECT_TRUE(FindingsOf(std::move(s)).empty());
}

TEST(CloudFormation, PoliciesReachRolesByEveryWayTemplatesWriteIt) {
  const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Service:
    Type: AWS::IAM::Role
    Properties:
      RoleName: shop-service
      Path: /service-role/
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: amplify.amazonaws.com}, Action: sts:AssumeRole}]}
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess-Amplify
        - !Sub arn:aws:iam::${AWS::AccountId}:policy/data/shop-data
        - !Ref Extra
  Data:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: shop-data
      Path: /data/
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: dynamodb:GetItem, Resource: "*"}]}
  Extra:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
  ByName:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: shop-service
      PolicyName: logs
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: logs:PutLogEvents, Resource: "*"}]}
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: more
      Roles: [!Ref Service]
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: sqs:SendMessage, Resource: "*"}]}
)";
  Scope s = LoadOne("grants.yaml", text);
  ASSERT_EQ(s.roles.size(), 1u);
  const Role& role = s.roles[0];
  std::vector<std::string> via;
  for (const auto& g : role.grants) {
    via.push_back(g.via + " " + s.policies[static_cast<size_t>(g.policy)].display);
  }
  std::sort(via.begin(), via.end());
  EXPECT_EQ(via, (std::vector<std::string>{
                     "Attached Attached",
                     "ByName ByName",
                     "ManagedPolicyArns Data",
                     "ManagedPolicyArns Extra",
                     "ManagedPolicyArns arn:aws:iam::aws:policy/AdministratorAccess-Amplify",
                 }))
      << ::testing::PrintToString(via);
  EXPECT_TRUE(role.grants_complete);
  // The AWS managed policy by ARN is the bundled one.
  for (const auto& g : role.grants) {
    const Policy& p = s.policies[static_cast<size_t>(g.policy)];
    if (p.aws_managed) {
      EXPECT_TRUE(p.document.known()) << p.display;
    }
  }

  // A RolePolicy whose role cannot be told leaves every role's grants incomplete.
  const std::string unknown_role = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Target: {Type: String}
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: amplify.amazonaws.com}, Action: sts:AssumeRole}]}
  P:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref Target
      PolicyName: p
      PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
)";
  Scope u = LoadOne("unknown-role.yaml", unknown_role);
  ASSERT_EQ(u.roles.size(), 1u);
  EXPECT_FALSE(u.roles[0].grants_complete);
}

TEST(CloudFormation, TemplatesAreRecognisedByContent) {
  struct Case {
    const char* name;
    const char* text;
    bool is_template;
  };
  const std::vector<Case> cases = {
      {"no-version.yaml", "Resources:\n  R:\n    Type: AWS::IAM::Role\n", true},
      {"no-version.json", R"({"Resources": {"R": {"Type": "AWS::Amplify::App"}}})", true},
      {"sam.yaml", "Transform: AWS::Serverless-2016-10-31\nResources: {}\n", true},
      {"sam-list.yaml",
       "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources: {}\n", true},
      // A `Resources` map that is not CloudFormation's (no `Type: Service::Kind` entries).
      {"other.yaml", "Resources:\n  cpu: 2\n  memory: 4Gi\n", false},
  };
  for (const auto& c : cases) {
    LoadResult r = LoadBuffers({{c.name, c.text}}, LoadOptions());
    if (c.is_template) {
      EXPECT_TRUE(r.errors.empty()) << c.name << ": " << r.errors[0].message;
      ASSERT_EQ(r.model.scopes.size(), 1u) << c.name;
      EXPECT_EQ(r.model.scopes[0].kind, Scope::Kind::kCloudFormation) << c.name;
    } else {
      ASSERT_EQ(r.errors.size(), 1u) << c.name;
      EXPECT_NE(r.errors[0].message.find("not a recognised input"), std::string::npos);
    }
  }
}

TEST(CloudFormation, BrokenTemplatesInAFolderAreErrorsNotSkipped) {
  const fs::path dir = fs::temp_directory_path() / ("iamlint_cfn_walk_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "broken.yaml") << "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"
                                        "  Role:\n    Type: AWS::IAM::Role\n   Properties: {}\n";
  std::ofstream(dir / "broken.json") << "{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n"
                                        " \"Resources\": {\n";
  std::ofstream(dir / "notes.yaml") << "a: [1, 2\n";  // broken, but nothing of ours: skipped
  RunResult r = RunInProcess({"check", "--no-config", "--format", "json", dir.string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::set<std::string> where;
  for (const auto& e : j["errors"]) {
    where.insert(fs::path(e["file"].get<std::string>()).filename().string() + ":" +
                 std::to_string(e["line"].get<int>()));
  }
  EXPECT_EQ(where, (std::set<std::string>{"broken.json:3", "broken.yaml:5"})) << j["errors"];
  EXPECT_EQ(j["summary"]["files_skipped"], 1);
  fs::remove_all(dir);
}

TEST(CloudFormation, DuplicateLogicalIdsReadTheLastAsCloudFormationDoes) {
  const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Web:
    Type: AWS::Amplify::App
    Properties: {Platform: WEB}
  Web:
    Type: AWS::Amplify::App
    Properties: {Platform: WEB_COMPUTE}
)";
  Scope s = LoadOne("dup.yaml", text);
  ASSERT_EQ(s.apps.size(), 1u);
  EXPECT_EQ(s.apps[0].platform.value_or("?"), "WEB_COMPUTE");
  EXPECT_EQ(s.apps[0].loc.line, 6u);
}

}  // namespace
}  // namespace iamlint
