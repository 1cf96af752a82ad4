// `iamlint simulate --workload`: the seed's own question, asked the way a developer thinks of it
// -- can the app's server code read this table? -- answered with the role the code runs as.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace iamlint {
namespace {

using testing::RunInProcess;

const char* kTable = "arn:aws:dynamodb:ap-northeast-1:123456789012:table/my-app-orders";

TEST(SimulateWorkload, TheSeedsAppHasNoRoleAndItsServiceRoleHoldsThePermission) {
  for (const char* input : {"fixtures/tf/seed-before", "fixtures/plans/seed-before.plan.json"}) {
    SCOPED_TRACE(input);
    auto r = RunInProcess({"simulate", "--workload", "aws_amplify_app.web", "--action",
                           "dynamodb:GetItem", "--resource", kTable, input});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("denied: aws_amplify_app.web's server code runs with no role: it has "
                         "no compute role"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("its service role aws_iam_role.amplify_service allows it"),
              std::string::npos)
        << r.out;
  }
}

TEST(SimulateWorkload, TheFixedAppRunsAsItsComputeRole) {
  auto r = RunInProcess({"simulate", "--workload", "my-app", "--action", "dynamodb:GetItem",
                         "--resource", kTable, "fixtures/tf/seed-after"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("allowed: aws_amplify_app.web runs as aws_iam_role.amplify_compute_role "
                       "(its compute role): dynamodb:GetItem"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Allow \"DynamoDBAccess\""), std::string::npos) << r.out;
  auto j = RunInProcess({"simulate", "--workload", "aws_amplify_app.web", "--action",
                         "dynamodb:GetItem", "--resource", kTable, "--format", "json",
                         "fixtures/plans/seed-after.plan.json"});
  auto doc = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << j.out;
  EXPECT_EQ(doc["decision"], "allowed");
  EXPECT_EQ(doc["workload"], "aws_amplify_app.web");
  EXPECT_EQ(doc["runs_as"], "aws_iam_role.amplify_compute_role");
}

TEST(SimulateWorkload, NoRoleInJsonAndUsageErrors) {
  auto j =
      RunInProcess({"simulate", "--workload", "aws_amplify_app.web", "--action", "dynamodb:GetItem",
                    "--resource", kTable, "--format", "json", "fixtures/tf/seed-before"});
  EXPECT_EQ(j.exit_code, 1) << j.out << j.err;
  auto doc = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << j.out;
  EXPECT_EQ(doc["decision"], "denied");
  EXPECT_TRUE(doc["runs_as"].is_null());
  auto none = RunInProcess({"simulate", "--workload", "aws_lambda_function.nope", "--action",
                            "s3:GetObject", "--resource", "*", "fixtures/tf/seed-before"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no workload \"aws_lambda_function.nope\""), std::string::npos)
      << none.err;
  auto both = RunInProcess({"simulate", "--workload", "aws_amplify_app.web", "--principal",
                            "aws_iam_role.amplify_service", "--action", "s3:GetObject",
                            "--resource", "*", "fixtures/tf/seed-before"});
  EXPECT_EQ(both.exit_code, 2);
  auto neither = RunInProcess(
      {"simulate", "--action", "s3:GetObject", "--resource", "*", "fixtures/tf/seed-before"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("--workload"), std::string::npos) << neither.err;
}

}  // namespace
}  // namespace iamlint
