// The bundled AWS managed policies: lookup by ARN, in any partition, and their use offline.
#include <string>

#include <gtest/gtest.h>

#include "data/managed_policies.h"
#include "json/json.h"
#include "test_util.h"

namespace iamlint {
namespace {

TEST(ManagedPolicies, LooksUpByArnWithPathAndPartition) {
  auto admin = ManagedPolicyDocument("arn:aws:iam::aws:policy/AdministratorAccess");
  ASSERT_TRUE(admin.has_value());
  json::Document d;
  json::ParseError err;
  ASSERT_TRUE(json::Parse(*admin, &d, &err)) << err.message;
  EXPECT_EQ(d.root().AtPointer("/Statement/0/Action")->str(), "*");
  EXPECT_TRUE(
      ManagedPolicyDocument("arn:aws:iam::aws:policy/service-role/AmplifyBackendDeployFullAccess"));
  EXPECT_TRUE(ManagedPolicyDocument("arn:aws-cn:iam::aws:policy/AmazonDynamoDBFullAccess"));
  EXPECT_FALSE(ManagedPolicyDocument("arn:aws:iam::aws:policy/NoSuchPolicyAnywhere"));
  EXPECT_FALSE(ManagedPolicyDocument("arn:aws:iam::123456789012:policy/AdministratorAccess"));
  EXPECT_FALSE(ManagedPolicyDocument(""));
}

TEST(ManagedPolicies, EveryBundledDocumentParses) {
  std::string table = testing::ReadText(testing::SourcePath("src/data/aws_managed_policies.tsv"));
  size_t count = 0;
  size_t pos = 0;
  while (pos < table.size()) {
    size_t end = table.find('\n', pos);
    std::string line = table.substr(pos, end - pos);
    pos = end + 1;
    std::string arn = line.substr(0, line.find('\t'));
    auto doc = ManagedPolicyDocument(arn);
    ASSERT_TRUE(doc.has_value()) << arn;
    json::Document d;
    json::ParseError err;
    ASSERT_TRUE(json::Parse(*doc, &d, &err)) << arn << ": " << err.message;
    ++count;
  }
  EXPECT_GT(count, 1500u);
}

TEST(ManagedPolicies, SimulateUsesThemOffline) {
  // previews: the compute role has AmazonDynamoDBFullAccess attached by ARN only.
  testing::RunResult r =
      testing::RunIamlint({"simulate", "--principal", "aws_iam_role.amplify_compute_role",
                           "--action", "dynamodb:PutItem", "--resource",
                           "arn:aws:dynamodb:ap-northeast-1:123456789012:table/orders",
                           "fixtures/plans/previews.plan.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"), std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace iamlint
