// The bundled AWS managed policies: lookup by ARN, in any partition, and their use offline.
#include <string>

#include <gtest/gtest.h>

#include "data/catalogue.h"
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
      testing::RunInProcess({"simulate", "--principal", "aws_iam_role.amplify_compute_role",
                             "--action", "dynamodb:PutItem", "--resource",
                             "arn:aws:dynamodb:ap-northeast-1:123456789012:table/orders",
                             "fixtures/plans/previews.plan.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"), std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace iamlint

namespace iamlint {
namespace {

TEST(Catalogue, ActionsServicesAndResourceTypes) {
  EXPECT_TRUE(KnownService("s3"));
  EXPECT_TRUE(KnownService("DynamoDB"));
  EXPECT_FALSE(KnownService("dynamdb"));
  const ActionInfo* get = FindAction("S3:getobject");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->name, "s3:GetObject");
  EXPECT_EQ(get->access_level, "Read");
  ASSERT_FALSE(get->resource_types.empty());
  EXPECT_EQ(ResourceTypeArn("s3", "object"), "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
  const ActionInfo* list_all = FindAction("s3:ListAllMyBuckets");
  ASSERT_NE(list_all, nullptr);
  EXPECT_TRUE(list_all->resource_types.empty()) << "only works with Resource *";
  EXPECT_GT(MatchActions("dynamodb:Get*").size(), 2u);
  EXPECT_TRUE(MatchActions("dynamodb:Gett*").empty());
  EXPECT_EQ(SuggestAction("dynamodb:GetItems"), "dynamodb:GetItem");
  EXPECT_EQ(SuggestService("dynamdb"), "dynamodb");
  EXPECT_EQ(SuggestService("zzzzzzzzzzzz"), "");
}

}  // namespace
}  // namespace iamlint
