// Permissions boundaries: read from plans, AWS CLI dumps and templates, and used where a
// boundary changes the answer (AMP002, AMP010, `simulate`, and the over-granting IAM rules,
// which leave boundary-only policies alone).
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
const char* kComputeArn = "arn:aws:iam::123456789012:role/my-app-dev-amplify-compute-role";
const char* kServiceArn = "arn:aws:iam::123456789012:role/service-role/my-app-service";

/// A throwaway folder of AWS CLI dumps: an SSR app, its service and compute roles (as
/// get-account-authorization-details shows them), and whatever the test puts in.
class BoundaryDumps : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("iamlint_boundary_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }

  static nlohmann::json DataPolicy() {
    return {{"Version", "2012-10-17"},
            {"Statement",
             {{{"Sid", "Tables"},
               {"Effect", "Allow"},
               {"Action", {"dynamodb:GetItem", "dynamodb:PutItem"}},
               {"Resource", "arn:aws:dynamodb:ap-northeast-1:123456789012:table/my-app-*"}},
              {{"Sid", "Uploads"},
               {"Effect", "Allow"},
               {"Action", {"s3:GetObject", "s3:PutObject"}},
               {"Resource", "arn:aws:s3:::my-app-uploads/*"}}}}};
  }

  static nlohmann::json Trust() {
    return {{"Version", "2012-10-17"},
            {"Statement",
             {{{"Effect", "Allow"},
               {"Principal", {{"Service", "amplify.amazonaws.com"}}},
               {"Action", "sts:AssumeRole"}}}}};
  }

  static nlohmann::json Role(const std::string& arn, const nlohmann::json& inline_doc,
                             const std::string& boundary_arn) {
    nlohmann::json r = {{"Path", "/"},
                        {"RoleName", arn.substr(arn.rfind('/') + 1)},
                        {"RoleId", "AROA3XFRBF23EXAMPLE01"},
                        {"Arn", arn},
                        {"AssumeRolePolicyDocument", Trust()},
                        {"RolePolicyList", nlohmann::json::array()},
                        {"AttachedManagedPolicies", nlohmann::json::array()}};
    if (!inline_doc.is_null()) {
      r["RolePolicyList"].push_back({{"PolicyName", "app-data"}, {"PolicyDocument", inline_doc}});
    }
    if (!boundary_arn.empty()) {
      r["PermissionsBoundary"] = {{"PermissionsBoundaryType", "Policy"},
                                  {"PermissionsBoundaryArn", boundary_arn}};
    }
    return r;
  }

  static nlohmann::json ManagedPolicy(const std::string& arn, const nlohmann::json& doc) {
    return {{"PolicyName", arn.substr(arn.rfind('/') + 1)},
            {"Arn", arn},
            {"Path", "/"},
            {"DefaultVersionId", "v1"},
            {"PolicyVersionList",
             {{{"Document", doc}, {"VersionId", "v1"}, {"IsDefaultVersion", true}}}}};
  }

  /// Writes get-app.json and authorization-details.json.
  void Write(const nlohmann::json& roles, const nlohmann::json& policies) {
    nlohmann::json app = {
        {"app",
         {{"appId", "d2k7x9m4p1q8rz"},
          {"appArn", "arn:aws:amplify:ap-northeast-1:123456789012:apps/d2k7x9m4p1q8rz"},
          {"name", "my-app"},
          {"platform", "WEB_COMPUTE"},
          {"iamServiceRoleArn", kServiceArn},
          {"computeRoleArn", kComputeArn}}}};
    std::ofstream(dir_ / "get-app.json") << app.dump(2);
    nlohmann::json details = {{"UserDetailList", nlohmann::json::array()},
                              {"GroupDetailList", nlohmann::json::array()},
                              {"RoleDetailList", roles},
                              {"Policies", policies},
                              {"IsTruncated", false}};
    std::ofstream(dir_ / "authorization-details.json") << details.dump(2);
  }

  RunResult Check() { return RunInProcess({"check", "--format", "json", dir_.string()}); }

  static int Count(const RunResult& r, const std::string& rule) {
    nlohmann::json j = nlohmann::json::parse(r.out);
    int n = 0;
    for (const auto& f : j["findings"]) n += f["rule"] == rule ? 1 : 0;
    return n;
  }

  std::filesystem::path dir_;
};

TEST(Boundary, PlanBoundaryRefusingDynamoDbIsAmp010AndAllowingItIsQuiet) {
  RunResult bad =
      RunInProcess({"check", "--format", "json", "fixtures/plans/compute-role-boundary.plan.json"});
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  nlohmann::json j = nlohmann::json::parse(bad.out);
  ASSERT_EQ(j["findings"].size(), 1u) << bad.out;
  const auto& f = j["findings"][0];
  EXPECT_EQ(f["rule"], "AMP010");
  EXPECT_EQ(f["resource"], "aws_iam_role.amplify_compute_role");
  const std::string msg = f["message"];
  EXPECT_NE(msg.find("dynamodb:PutItem"), std::string::npos) << msg;
  // The boundary allows S3 and Lambda: those grants are not refused.
  EXPECT_EQ(msg.find("s3:"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("lambda:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("aws_iam_policy.platform_boundary"), std::string::npos) << msg;

  RunResult ok = RunInProcess({"check", "fixtures/plans/compute-role-boundary-ok.plan.json"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
}

TEST(Boundary, SimulateNamesTheBoundaryThatRefuses) {
  std::vector<std::string> args = {"simulate",
                                   "--principal",
                                   "aws_iam_role.amplify_compute_role",
                                   "--action",
                                   "dynamodb:PutItem",
                                   "--resource",
                                   kTable,
                                   "fixtures/plans/compute-role-boundary.plan.json"};
  RunResult refused = RunInProcess(args);
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_EQ(refused.out.rfind("implicitly denied:", 0), 0u) << refused.out;
  EXPECT_NE(refused.out.find("the identity policies allow it, but aws_iam_policy.platform_boundary "
                             "(permissions boundary) does not"),
            std::string::npos)
      << refused.out;

  args.back() = "fixtures/plans/compute-role-boundary-ok.plan.json";
  RunResult allowed = RunInProcess(args);
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
  EXPECT_NE(allowed.out.find("Allow \"AppTables\" in aws_iam_policy.platform_boundary"),
            std::string::npos)
      << allowed.out;

  // The boundary's explicit Deny decides, whatever the identity policies say.
  args = {"simulate",
          "--format",
          "json",
          "--principal",
          "aws_iam_role.amplify_compute_role",
          "--action",
          "iam:PassRole",
          "--resource",
          "arn:aws:iam::123456789012:role/x",
          "fixtures/plans/compute-role-boundary-ok.plan.json"};
  RunResult deny = RunInProcess(args);
  EXPECT_EQ(deny.exit_code, 1) << deny.out;
  EXPECT_EQ(nlohmann::json::parse(deny.out)["decision"], "explicitly denied") << deny.out;
}

TEST(Boundary, TemplateBoundaryByRefIsRead) {
  RunResult r =
      RunInProcess({"check", "--format", "json", "fixtures/cfn/compute-role-boundary.yaml"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["findings"].size(), 1u) << r.out;
  EXPECT_EQ(j["findings"][0]["rule"], "AMP010");
  EXPECT_NE(j["findings"][0]["message"].get<std::string>().find("PlatformBoundary"),
            std::string::npos);
}

TEST_F(BoundaryDumps, Amp002SaysTheComputeRolesBoundaryRefusesWhatTheServiceRoleHas) {
  const std::string boundary = "arn:aws:iam::123456789012:policy/boundaries/web-only";
  nlohmann::json web_only = {
      {"Version", "2012-10-17"},
      {"Statement", {{{"Effect", "Allow"}, {"Action", {"s3:*", "logs:*"}}, {"Resource", "*"}}}}};
  Write(nlohmann::json::array(
            {Role(kServiceArn, DataPolicy(), ""), Role(kComputeArn, DataPolicy(), boundary)}),
        nlohmann::json::array({ManagedPolicy(boundary, web_only)}));
  RunResult r = Check();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  bool amp002 = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "AMP002") continue;
    amp002 = true;
    const std::string msg = f["message"];
    EXPECT_NE(msg.find("dynamodb:PutItem"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("s3:PutObject"), std::string::npos) << "the boundary allows S3: " << msg;
    EXPECT_NE(msg.find("permissions boundary " + boundary + " does not allow them"),
              std::string::npos)
        << msg;
  }
  EXPECT_TRUE(amp002) << r.out;
  EXPECT_EQ(Count(r, "AMP010"), 1) << r.out;
}

TEST_F(BoundaryDumps, BoundaryWhoseTextIsNotShownIsCannotTell) {
  // The boundary policy is not in the dump: its text is unknown.
  Write(nlohmann::json::array(
            {Role(kServiceArn, nlohmann::json(), ""),
             Role(kComputeArn, DataPolicy(), "arn:aws:iam::123456789012:policy/boundaries/other")}),
        nlohmann::json::array());
  RunResult r = Check();
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Count(r, "AMP010"), 0) << r.out;

  std::vector<std::string> args = {"simulate",         "--principal", kComputeArn, "--action",
                                   "dynamodb:PutItem", "--resource",  kTable,      dir_.string()};
  RunResult allowed_but = RunInProcess(args);
  EXPECT_EQ(allowed_but.exit_code, 3) << allowed_but.out;
  EXPECT_NE(allowed_but.out.find("(the permissions boundary)"), std::string::npos)
      << allowed_but.out;
  // Not allowed by the identity policies: the boundary cannot change that.
  args[4] = "dynamodb:DeleteTable";
  RunResult denied = RunInProcess(args);
  EXPECT_EQ(denied.exit_code, 1) << denied.out;
  EXPECT_EQ(denied.out.rfind("implicitly denied:", 0), 0u) << denied.out;
}

TEST_F(BoundaryDumps, AwsManagedBoundaryIsReadFromTheBundledPolicies) {
  // AmazonS3ReadOnlyAccess as the boundary: reads pass, writes and DynamoDB do not.
  Write(nlohmann::json::array(
            {Role(kServiceArn, nlohmann::json(), ""),
             Role(kComputeArn, DataPolicy(), "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")}),
        nlohmann::json::array());
  RunResult r = Check();
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(Count(r, "AMP010"), 1) << r.out;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "AMP010") continue;
    const std::string msg = f["message"];
    EXPECT_NE(msg.find("dynamodb:GetItem"), std::string::npos) << msg;
    EXPECT_NE(msg.find("s3:PutObject"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("s3:GetObject"), std::string::npos) << msg;
  }
  std::vector<std::string> args = {"simulate",
                                   "--principal",
                                   kComputeArn,
                                   "--action",
                                   "s3:GetObject",
                                   "--resource",
                                   "arn:aws:s3:::my-app-uploads/a.png",
                                   dir_.string()};
  EXPECT_EQ(RunInProcess(args).exit_code, 0);
  args[4] = "s3:PutObject";
  EXPECT_EQ(RunInProcess(args).exit_code, 1);
}

TEST_F(BoundaryDumps, BoundaryOnlyPoliciesAreNotReportedAsOverGranting) {
  // The classic boundary: everything, except administering identities.
  const std::string arn = "arn:aws:iam::123456789012:policy/boundaries/developer";
  nlohmann::json developer = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Sid", "Everything"}, {"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}},
        {{"Sid", "NotIdentity"},
         {"Effect", "Allow"},
         {"NotAction", {"iam:*", "organizations:*"}},
         {"Resource", "*"}},
        {{"Sid", "NoIam"}, {"Effect", "Deny"}, {"Action", "iam:Create*"}, {"Resource", "*"}}}}};
  Write(nlohmann::json::array(
            {Role(kServiceArn, nlohmann::json(), ""), Role(kComputeArn, DataPolicy(), arn)}),
        nlohmann::json::array({ManagedPolicy(arn, developer)}));
  RunResult quiet = Check();
  EXPECT_EQ(quiet.exit_code, 0) << quiet.out << quiet.err;
  for (const char* rule : {"IAM001", "IAM002", "IAM003", "IAM008", "IAM010", "AMP010"}) {
    EXPECT_EQ(Count(quiet, rule), 0) << rule << ": " << quiet.out;
  }

  // The same policy attached as a grant is reported.
  nlohmann::json compute = Role(kComputeArn, DataPolicy(), arn);
  compute["AttachedManagedPolicies"].push_back({{"PolicyName", "developer"}, {"PolicyArn", arn}});
  Write(nlohmann::json::array({Role(kServiceArn, nlohmann::json(), ""), compute}),
        nlohmann::json::array({ManagedPolicy(arn, developer)}));
  RunResult loud = Check();
  EXPECT_EQ(loud.exit_code, 1) << loud.out;
  EXPECT_EQ(Count(loud, "IAM001"), 1) << loud.out;
  EXPECT_GE(Count(loud, "IAM002"), 1) << loud.out;
}

}  // namespace
}  // namespace iamlint
