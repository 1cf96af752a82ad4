// Application data access comes from the bundled catalogue (data/catalogue AppDataActions),
// not from a short list: the data plane of data services counts, their configuration does not.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "core/ascii.h"
#include "data/catalogue.h"

namespace iamlint {
namespace {

bool Counts(const std::string& action) {
  const auto& all = AppDataActions();
  return std::any_of(all.begin(), all.end(),
                     [&](const ActionInfo* a) { return AsciiEqualFold(a->name, action); });
}

TEST(AppData, TheDataPlaneOfDataServicesCounts) {
  for (const char* a : {"dynamodb:PartiQLSelect", "dynamodb:ConditionCheckItem", "dynamodb:GetItem",
                        "s3:GetObjectVersion", "s3:ListBucket", "rds-db:connect", "sqs:SendMessage",
                        "secretsmanager:GetSecretValue", "kms:Decrypt", "lambda:InvokeFunction",
                        "bedrock:InvokeModel", "ssm:GetParametersByPath"}) {
    EXPECT_TRUE(Counts(a)) << a;
  }
}

TEST(AppData, ConfigurationAndAmplifyDutiesDoNot) {
  for (const char* a :
       {"dynamodb:CreateTable", "dynamodb:DescribeTable", "s3:PutBucketPolicy", "s3:CreateBucket",
        "s3:PutObjectAcl", "lambda:CreateFunction", "kms:CreateKey", "logs:PutLogEvents",
        "amplify:StartJob", "cloudformation:CreateStack", "iam:PassRole"}) {
    EXPECT_FALSE(Counts(a)) << a;
  }
  EXPECT_GT(AppDataActions().size(), 100u);
}

}  // namespace
}  // namespace iamlint
