// Loader tests on small hand-written inputs: how plans, CLI dumps and policies fill the model.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "load/load.h"
#include "test_util.h"

namespace iamlint {
namespace {

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("iamlint_loader_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  LoadResult Load(const std::vector<std::string>& files) {
    LoadResult r = LoadPaths(files, LoadOptions());
    for (const auto& e : r.errors) ADD_FAILURE() << e.file << ":" << e.line << ": " << e.message;
    return r;
  }

  std::filesystem::path dir_;
};

const char* kTrust =
    R"({\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"amplify.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]})";

// A module instantiated with for_each whose app references a role in the root through a
// variable, with every ARN unknown at plan time: only configuration references link them.
TEST_F(LoaderTest, LinksThroughVarAndForEachKeysWhenValuesAreUnknown) {
  std::string plan = std::string(R"({
  "format_version": "1.2",
  "planned_values": {"root_module": {
    "resources": [
      {"address": "aws_iam_role.compute[\"dev\"]", "mode": "managed", "type": "aws_iam_role",
       "name": "compute", "index": "dev", "values": {"name": "dev-compute", "assume_role_policy": ")") +
                     kTrust + R"("}},
      {"address": "aws_iam_role.compute[\"prod\"]", "mode": "managed", "type": "aws_iam_role",
       "name": "compute", "index": "prod", "values": {"name": "prod-compute", "assume_role_policy": ")" +
                     kTrust + R"("}}
    ],
    "child_modules": [
      {"address": "module.web[\"dev\"]", "resources": [
        {"address": "module.web[\"dev\"].aws_amplify_app.this", "mode": "managed",
         "type": "aws_amplify_app", "name": "this", "values": {"name": "dev", "platform": "WEB_COMPUTE"}}]},
      {"address": "module.web[\"prod\"]", "resources": [
        {"address": "module.web[\"prod\"].aws_amplify_app.this", "mode": "managed",
         "type": "aws_amplify_app", "name": "this", "values": {"name": "prod", "platform": "WEB_COMPUTE"}}]}
    ]}},
  "resource_changes": [
    {"address": "module.web[\"dev\"].aws_amplify_app.this", "module_address": "module.web[\"dev\"]",
     "mode": "managed", "type": "aws_amplify_app", "name": "this",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"compute_role_arn": true, "arn": true}}},
    {"address": "module.web[\"prod\"].aws_amplify_app.this", "module_address": "module.web[\"prod\"]",
     "mode": "managed", "type": "aws_amplify_app", "name": "this",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"compute_role_arn": true, "arn": true}}}
  ],
  "configuration": {"root_module": {
    "resources": [{"address": "aws_iam_role.compute", "mode": "managed", "type": "aws_iam_role",
                   "name": "compute", "expressions": {}}],
    "module_calls": {"web": {"source": "./modules/web",
      "expressions": {"compute_role_arn": {"references": ["aws_iam_role.compute[each.key].arn",
                                                          "aws_iam_role.compute", "each.key"]}},
      "module": {"resources": [{"address": "aws_amplify_app.this", "mode": "managed",
        "type": "aws_amplify_app", "name": "this",
        "expressions": {"compute_role_arn": {"references": ["var.compute_role_arn"]}}}]}}}}}
})";
  LoadResult r = Load({Write("plan.json", plan)});
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  ASSERT_EQ(s.apps.size(), 2u);
  ASSERT_EQ(s.roles.size(), 2u);
  for (const auto& app : s.apps) {
    ASSERT_EQ(app.compute_role.state, RoleRef::State::kResolved) << app.display;
    const Role& role = s.roles[app.compute_role.role];
    EXPECT_EQ(role.name.value(), app.name.value() + "-compute") << app.display;
    EXPECT_TRUE(role.trust.known());
    EXPECT_EQ(app.service_role.state, RoleRef::State::kAbsent);
  }
  EXPECT_EQ(s.apps[0].display, "module.web[\"dev\"].aws_amplify_app.this");
}

// A compute_role_arn that is unknown and not traceable stays unknown, never absent.
TEST_F(LoaderTest, UnresolvableUnknownStaysUnknown) {
  const char* plan = R"({"format_version": "1.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_amplify_app.web", "mode": "managed", "type": "aws_amplify_app", "name": "web",
     "values": {"name": "web", "platform": "WEB_COMPUTE"}}]}},
  "resource_changes": [{"address": "aws_amplify_app.web", "mode": "managed", "type": "aws_amplify_app",
     "name": "web", "change": {"actions": ["create"], "after": {"name": "web"},
     "after_unknown": {"compute_role_arn": true}}}]})";
  LoadResult r = Load({Write("plan.json", plan)});
  ASSERT_EQ(r.model.scopes[0].apps.size(), 1u);
  EXPECT_EQ(r.model.scopes[0].apps[0].compute_role.state, RoleRef::State::kUnknown);
}

// A deferred aws_iam_policy_document (read at apply) is rebuilt from its statement blocks.
TEST_F(LoaderTest, RebuildsDeferredPolicyDocumentFromStatementBlocks) {
  const char* plan = R"({"format_version": "1.2",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_iam_role.compute", "mode": "managed", "type": "aws_iam_role", "name": "compute",
     "values": {"name": "compute"}}]}},
  "resource_changes": [
    {"address": "aws_iam_role.compute", "mode": "managed", "type": "aws_iam_role", "name": "compute",
     "change": {"actions": ["create"], "after": {"name": "compute"}, "after_unknown": {"assume_role_policy": true}}},
    {"address": "data.aws_iam_policy_document.trust", "mode": "data", "type": "aws_iam_policy_document",
     "name": "trust", "change": {"actions": ["read"],
     "after": {"statement": [{"actions": ["sts:AssumeRole"], "effect": "Allow",
        "principals": [{"type": "Service", "identifiers": ["lambda.amazonaws.com"]}],
        "condition": [{"test": "ArnLike", "variable": "aws:SourceArn"}]}]},
     "after_unknown": {"json": true, "statement": [{"condition": [{"values": true}]}]}}}],
  "configuration": {"root_module": {"resources": [
    {"address": "aws_iam_role.compute", "mode": "managed", "type": "aws_iam_role", "name": "compute",
     "expressions": {"assume_role_policy": {"references": ["data.aws_iam_policy_document.trust.json",
                                                          "data.aws_iam_policy_document.trust"]}}}]}}})";
  LoadResult r = Load({Write("plan.json", plan)});
  const Role& role = r.model.scopes[0].roles.at(0);
  ASSERT_TRUE(role.trust.known());
  ASSERT_EQ(role.trust.value().statements.size(), 1u);
  const Statement& st = role.trust.value().statements[0];
  EXPECT_EQ(st.actions, std::vector<std::string>{"sts:AssumeRole"});
  EXPECT_EQ(st.principal.ids.at("Service"), std::vector<std::string>{"lambda.amazonaws.com"});
  EXPECT_TRUE(st.partially_unknown) << "the condition values are unknown";
  EXPECT_GT(st.loc.line, 0u);
}

// Resources being deleted do not exist after apply.
TEST_F(LoaderTest, DeletedResourcesAreGone) {
  const char* plan = R"({"format_version": "1.2",
  "resource_changes": [
    {"address": "aws_iam_role.old", "mode": "managed", "type": "aws_iam_role", "name": "old",
     "change": {"actions": ["delete"], "before": {"name": "old"}, "after": null}},
    {"address": "aws_iam_role.new", "mode": "managed", "type": "aws_iam_role", "name": "new",
     "change": {"actions": ["delete", "create"], "before": {"name": "new"}, "after": {"name": "new"}}}]})";
  LoadResult r = Load({Write("plan.json", plan)});
  ASSERT_EQ(r.model.scopes[0].roles.size(), 1u);
  EXPECT_EQ(r.model.scopes[0].roles[0].display, "aws_iam_role.new");
}

// AWS CLI dumps in several files merge into one account by ARN; URL-encoded trust is decoded.
TEST_F(LoaderTest, CliDumpsMergeByArn) {
  std::string app = Write(
      "get-app.json",
      R"({"app": {"appId": "d1abc", "appArn": "arn:aws:amplify:ap-northeast-1:123456789012:apps/d1abc",
    "name": "my-app", "platform": "WEB_COMPUTE",
    "iamServiceRoleArn": "arn:aws:iam::123456789012:role/service-role/AmplifySSRLoggingRole-1"}})");
  std::string branches = Write("list-branches.json", R"({"branches": [
    {"branchArn": "arn:aws:amplify:ap-northeast-1:123456789012:apps/d1abc/branches/main", "branchName": "main",
     "computeRoleArn": "arn:aws:iam::123456789012:role/my-compute"}]})");
  std::string role = Write("get-role.json", R"({"Role": {"RoleName": "my-compute",
    "Arn": "arn:aws:iam::123456789012:role/my-compute",
    "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22amplify.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"}})");
  LoadResult r = Load({app, branches, role});
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  EXPECT_EQ(s.kind, Scope::Kind::kAwsAccount);
  ASSERT_EQ(s.apps.size(), 1u);
  ASSERT_EQ(s.apps[0].branches.size(), 1u);
  const Branch& b = s.branches[s.apps[0].branches[0]];
  EXPECT_EQ(b.display, "d1abc/main");
  ASSERT_EQ(b.compute_role.state, RoleRef::State::kResolved);
  const Role& cr = s.roles[b.compute_role.role];
  ASSERT_TRUE(cr.trust.known());
  EXPECT_EQ(cr.trust.value().statements.at(0).principal.ids.at("Service").at(0),
            "amplify.amazonaws.com");
  EXPECT_FALSE(cr.grants_complete) << "get-role alone does not list the role's policies";
  EXPECT_EQ(s.apps[0].service_role.state, RoleRef::State::kExternal);
  EXPECT_EQ(s.apps[0].compute_role.state, RoleRef::State::kAbsent);
}

// Two plans in one run never mix their addresses.
TEST_F(LoaderTest, EachPlanIsItsOwnScope) {
  const char* plan = R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [
    {"address": "aws_amplify_app.web", "mode": "managed", "type": "aws_amplify_app", "name": "web",
     "values": {"name": "web", "platform": "WEB"}}]}}})";
  LoadResult r = Load({Write("a.json", plan), Write("b.json", plan)});
  ASSERT_EQ(r.model.scopes.size(), 2u);
  EXPECT_EQ(r.model.scopes[0].apps.size(), 1u);
  EXPECT_EQ(r.model.scopes[1].apps.size(), 1u);
}

// Policy files in YAML get lines from yaml-cpp marks.
TEST_F(LoaderTest, YamlPolicyHasLines) {
  std::string p = Write("policy.yaml",
                        "Version: '2012-10-17'\nStatement:\n  - Sid: A\n    Effect: Allow\n"
                        "    Action: s3:GetObject\n    Resource: '*'\n  - Sid: B\n"
                        "    Effect: Deny\n    NotAction: [iam:*]\n    Resource: '*'\n");
  LoadResult r = Load({p});
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const PolicyDocument& d = r.model.scopes[0].documents.at(0);
  ASSERT_EQ(d.statements.size(), 2u);
  EXPECT_EQ(d.statements[0].loc.line, 3u);
  EXPECT_EQ(d.statements[1].loc.line, 7u);
  EXPECT_TRUE(d.statements[1].not_action);
  EXPECT_EQ(d.statements[1].loc.pointer, "/Statement/1");
}

TEST_F(LoaderTest, FutureFormatVersionIsRefused) {
  std::string p = Write("plan.json", R"({"format_version": "2.0", "planned_values": {}})");
  LoadResult r = LoadPaths({p}, LoadOptions());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("2.0"), std::string::npos);
  EXPECT_EQ(r.errors[0].line, 1u);
}

// The per-command IAM dumps of one role, read together: get-role, get-role-policy and
// list-attached-role-policies (which does not name its role, so it is attributed to the
// only role that get-role described); get-policy-version is a standalone document.
TEST_F(LoaderTest, PerCommandIamDumpsOfOneRole) {
  std::string role =
      Write("get-role.json", R"({"Role": {"RoleName": "svc", "Path": "/service-role/",
    "Arn": "arn:aws:iam::123456789012:role/service-role/svc",
    "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "amplify.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}})");
  std::string inline_policy =
      Write("get-role-policy.json", R"({"RoleName": "svc", "PolicyName": "data",
    "PolicyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}}"})");
  std::string attached = Write("list-attached-role-policies.json", R"({"AttachedPolicies": [
    {"PolicyName": "AmazonDynamoDBReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"}]})");
  std::string version = Write("get-policy-version.json", R"({"PolicyVersion": {"Document":
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]},
    "VersionId": "v2", "IsDefaultVersion": true, "CreateDate": "2025-01-01T00:00:00Z"}})");
  std::string branch = Write("get-branch.json", R"({"branch": {"branchName": "main",
    "branchArn": "arn:aws:amplify:us-east-1:123456789012:apps/dabc/branches/main", "stage": "PRODUCTION"}})");
  LoadResult r = Load({role, inline_policy, attached, version, branch});
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  ASSERT_EQ(s.roles.size(), 1u);
  ASSERT_EQ(s.roles[0].grants.size(), 2u);
  std::vector<std::string> policies;
  for (const auto& g : s.roles[0].grants) policies.push_back(s.policies[g.policy].display);
  EXPECT_NE(std::find(policies.begin(), policies.end(), "svc inline policy \"data\""),
            policies.end());
  EXPECT_NE(std::find(policies.begin(), policies.end(),
                      "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"),
            policies.end());
  EXPECT_FALSE(s.roles[0].grants_complete);
  ASSERT_EQ(s.documents.size(), 1u);
  EXPECT_EQ(s.documents[0].statements.at(0).actions.at(0), "iam:*");
  ASSERT_EQ(s.branches.size(), 1u);
  EXPECT_EQ(s.branches[0].display, "dabc/main");
  EXPECT_EQ(s.branches[0].app, -1) << "the app is not in this input";
}

TEST_F(LoaderTest, RawStateVersionsOtherThanFourAreRefused) {
  std::string p = Write("terraform.tfstate",
                        R"({"version": 3, "terraform_version": "0.11.14", "serial": 4,
  "modules": [{"path": ["root"], "resources": {}}]})");
  LoadResult r = LoadPaths({p}, LoadOptions());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("version 3"), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(r.errors[0].line, 1u);
}

TEST_F(LoaderTest, RawStateInstancesWithIndexKeysInModules) {
  std::string p = Write("terraform.tfstate", R"({"version": 4, "terraform_version": "1.9.0",
  "serial": 3, "lineage": "x", "outputs": {}, "resources": [
    {"module": "module.web[\"prod\"]", "mode": "managed", "type": "aws_iam_role", "name": "compute",
     "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]",
     "instances": [{"index_key": 0, "schema_version": 0, "attributes": {"name": "prod-compute",
       "arn": "arn:aws:iam::123456789012:role/prod-compute"}}]}]})");
  LoadResult r = Load({p});
  ASSERT_EQ(r.model.scopes.at(0).roles.size(), 1u);
  EXPECT_EQ(r.model.scopes[0].roles[0].display, "module.web[\"prod\"].aws_iam_role.compute[0]");
  EXPECT_EQ(r.model.scopes[0].kind, Scope::Kind::kTerraformState);
}

}  // namespace
}  // namespace iamlint
