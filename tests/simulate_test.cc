// `iamlint simulate` through the real binary, on the seed fixtures.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace iamlint {
namespace {

using testing::RunInProcess;
using testing::RunResult;

const char* kTable = "arn:aws:dynamodb:ap-northeast-1:123456789012:table/my-app-users";

TEST(Simulate, ComputeRoleCanPutItemAfterTheFix) {
  RunResult r = RunInProcess({"simulate", "--principal", "aws_iam_role.amplify_compute_role",
                              "--action", "dynamodb:PutItem", "--resource", kTable,
                              "fixtures/plans/seed-after.plan.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("allowed:", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("Allow \"DynamoDBAccess\" in aws_iam_policy.amplify_app_permissions"),
            std::string::npos)
      << r.out;
}

TEST(Simulate, ServiceRoleCannotAfterTheFixAndCouldBefore) {
  std::vector<std::string> args = {"simulate", "--principal",      "aws_iam_role.amplify_service",
                                   "--action", "dynamodb:PutItem", "--resource",
                                   kTable};
  args.push_back("fixtures/plans/seed-after.plan.json");
  RunResult after = RunInProcess(args);
  EXPECT_EQ(after.exit_code, 1) << after.out;
  EXPECT_EQ(after.out.rfind("implicitly denied:", 0), 0u) << after.out;
  args.back() = "fixtures/plans/seed-before.plan.json";
  EXPECT_EQ(RunInProcess(args).exit_code, 0) << "the story: the permission was on the service role";
}

TEST(Simulate, CliDumpsByArnWithJsonOutput) {
  RunResult r = RunInProcess(
      {"simulate", "--format", "json", "--principal",
       "arn:aws:iam::123456789012:role/my-app-dev-amplify-compute-role", "--action", "s3:GetObject",
       "--resource", "arn:aws:s3:::my-app-uploads/avatars/1.png", "fixtures/cli/seed-after"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["decision"], "allowed");
  ASSERT_EQ(j["statements"].size(), 1u);
  EXPECT_EQ(j["statements"][0]["sid"], "S3Access");
  EXPECT_EQ(j["statements"][0]["location"]["file"],
            "fixtures/cli/seed-after/authorization-details.json");
}

TEST(Simulate, PoliciesNotVisibleMeanCannotTell) {
  // deferred-trust: the compute role's inline policy is rendered only at apply.
  RunResult r = RunInProcess({"simulate", "--principal", "aws_iam_role.amplify_compute_role",
                              "--action", "s3:GetObject", "--resource", "arn:aws:s3:::x/y",
                              "fixtures/plans/deferred-trust.plan.json"});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_EQ(r.out.rfind("cannot tell:", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("aws_iam_role_policy.app_data"), std::string::npos) << r.out;
}

TEST(Simulate, ConditionsDependOnContextUntilGiven) {
  auto dir = std::filesystem::temp_directory_path() / ("iamlint_sim_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "get-role.json") << R"({"Role": {"RoleName": "web", "Path": "/",
    "Arn": "arn:aws:iam::123456789012:role/web", "AssumeRolePolicyDocument": {}}})";
  std::ofstream(dir / "get-role-policy.json") << R"({"RoleName": "web", "PolicyName": "data",
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Sid": "OfficeOnly",
      "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
      "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}})";
  std::vector<std::string> args = {"simulate",         "--principal",  "web",
                                   "--action",         "s3:GetObject", "--resource",
                                   "arn:aws:s3:::b/k", dir.string()};
  RunResult open = RunInProcess(args);
  EXPECT_EQ(open.exit_code, 3) << open.out;
  EXPECT_NE(open.out.find("aws:SourceIp"), std::string::npos) << open.out;
  args.insert(args.end() - 1, {"--context", "aws:SourceIp=10.1.2.3"});
  RunResult inside = RunInProcess(args);
  // get-role alone does not list every policy of the role: allowed by what is visible, but
  // other policies could deny, so it still cannot tell.
  EXPECT_EQ(inside.exit_code, 3) << inside.out;
  EXPECT_NE(inside.out.find("Allow \"OfficeOnly\""), std::string::npos) << inside.out;
  std::filesystem::remove_all(dir);
}

TEST(Simulate, UnknownOrAmbiguousPrincipalIsAnError) {
  RunResult none =
      RunInProcess({"simulate", "--principal", "aws_iam_role.nope", "--action", "s3:GetObject",
                    "--resource", "arn:aws:s3:::b/k", "fixtures/plans/seed-after.plan.json"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no role"), std::string::npos);
  RunResult two =
      RunInProcess({"simulate", "--principal", "aws_iam_role.amplify_service", "--action",
                    "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
                    "fixtures/plans/seed-after.plan.json", "fixtures/plans/seed-before.plan.json"});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_NE(two.err.find("names 2 roles"), std::string::npos) << two.err;
  EXPECT_EQ(RunInProcess({"simulate", "--principal", "x", "fixtures"}).exit_code, 2);
}

}  // namespace
}  // namespace iamlint

namespace iamlint {
namespace {

using testing::RunInProcess;
using testing::RunResult;

// bucket-policy: the uploads bucket's policy refuses plain HTTP and object deletion to all.
TEST(SimulateResourcePolicies, BucketPolicyInThePlanIsWeighed) {
  const std::string plan = "fixtures/plans/bucket-policy.plan.json";
  const std::string object = "arn:aws:s3:::my-app-uploads/avatars/1.png";
  auto run = [&](const std::string& action, const std::string& resource,
                 std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"simulate", "--principal", "aws_iam_role.amplify_compute_role",
                                     "--action", action,        "--resource",
                                     resource};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(plan);
    return RunInProcess(args);
  };
  RunResult del = run("s3:DeleteObject", object);
  EXPECT_EQ(del.exit_code, 1) << del.out << del.err;
  EXPECT_EQ(del.out.rfind("explicitly denied:", 0), 0u) << del.out;
  EXPECT_NE(del.out.find("Deny \"KeepUploads\" in aws_s3_bucket_policy.uploads"), std::string::npos)
      << del.out;
  // The role's own policy allows deleting in its other buckets: no bucket policy there.
  EXPECT_EQ(run("s3:DeleteObject", "arn:aws:s3:::my-app-exports/1.csv").exit_code, 0);

  RunResult get = run("s3:GetObject", object);
  EXPECT_EQ(get.exit_code, 3) << get.out;
  EXPECT_NE(get.out.find("depends on: aws:SecureTransport"), std::string::npos) << get.out;
  EXPECT_EQ(run("s3:GetObject", object, {"--context", "aws:SecureTransport=true"}).exit_code, 0);
  EXPECT_EQ(run("s3:GetObject", object, {"--context", "aws:SecureTransport=false"}).exit_code, 1);
}

TEST(SimulateResourcePolicies, AssumeRoleNeedsTheTargetsTrust) {
  auto dir = std::filesystem::temp_directory_path() / ("iamlint_trust_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto role = [](const std::string& name, const std::string& trust_principal,
                 const std::string& inline_policy) {
    return R"({"Path": "/", "RoleName": ")" + name +
           R"(", "Arn": "arn:aws:iam::123456789012:role/)" + name +
           R"(", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect":
           "Allow", "Principal": )" +
           trust_principal + R"(, "Action": "sts:AssumeRole"}]}, "RolePolicyList": [)" +
           inline_policy + R"(], "AttachedManagedPolicies": []})";
  };
  const std::string may_assume = R"({"PolicyName": "assume", "PolicyDocument": {"Version":
    "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}})";
  std::ofstream(dir / "authorization-details.json")
      << R"({"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [)"
      << role("ci", R"({"Service": "codebuild.amazonaws.com"})", may_assume) << ","
      << role("deployer", R"({"AWS": "arn:aws:iam::123456789012:root"})", "") << ","
      << role("amplify-service", R"({"Service": "amplify.amazonaws.com"})", "") << "]}";
  auto run = [&](const std::string& target) {
    return RunInProcess({"simulate", "--principal", "ci", "--action", "sts:AssumeRole",
                         "--resource", "arn:aws:iam::123456789012:role/" + target, dir.string()});
  };
  RunResult ok = run("deployer");
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  RunResult refused = run("amplify-service");
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(
      refused.out.find("but arn:aws:iam::123456789012:role/amplify-service (trust policy) "
                       "neither allows the caller nor lets its account's IAM policies decide"),
      std::string::npos)
      << refused.out;
  // A role outside the inputs: its trust policy is not shown.
  EXPECT_EQ(run("elsewhere").exit_code, 3);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace iamlint
