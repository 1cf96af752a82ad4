// core/arn.h: splitting ARNs and finding the account a principal names.
#include "core/arn.h"

#include <gtest/gtest.h>

namespace iamlint {
namespace {

TEST(ArnTest, SplitsTheSixFields) {
  auto arn = ParseArn("arn:aws:iam::123456789012:role/path/web-compute");
  ASSERT_TRUE(arn.has_value());
  EXPECT_EQ(arn->partition, "aws");
  EXPECT_EQ(arn->service, "iam");
  EXPECT_EQ(arn->region, "");
  EXPECT_EQ(arn->account, "123456789012");
  EXPECT_EQ(arn->resource, "role/path/web-compute");
}

TEST(ArnTest, TheResourceKeepsItsColons) {
  auto arn = ParseArn("arn:aws-cn:logs:cn-north-1:123456789012:log-group:/aws/x:*");
  ASSERT_TRUE(arn.has_value());
  EXPECT_EQ(arn->partition, "aws-cn");
  EXPECT_EQ(arn->service, "logs");
  EXPECT_EQ(arn->region, "cn-north-1");
  EXPECT_EQ(arn->resource, "log-group:/aws/x:*");
}

TEST(ArnTest, EmptyFieldsAndWildcardsAreKept) {
  auto bucket = ParseArn("arn:aws:s3:::my-bucket/*");
  ASSERT_TRUE(bucket.has_value());
  EXPECT_EQ(bucket->account, "");
  EXPECT_EQ(bucket->resource, "my-bucket/*");
  auto any = ParseArn("arn:aws:*:*:*:*");
  ASSERT_TRUE(any.has_value());
  EXPECT_EQ(any->service, "*");
  EXPECT_EQ(any->account, "*");
  auto bare = ParseArn("arn:::::");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->partition, "");
  EXPECT_EQ(bare->resource, "");
}

TEST(ArnTest, RefusesWhatIsNoArn) {
  EXPECT_FALSE(ParseArn(""));
  EXPECT_FALSE(ParseArn("arn"));
  EXPECT_FALSE(ParseArn("arn:aws:iam::123456789012"));  // five fields
  EXPECT_FALSE(ParseArn("ARN:aws:iam::123456789012:root"));
  EXPECT_FALSE(ParseArn("x:arn:aws:iam::1:root"));
  EXPECT_FALSE(ParseArn("web-compute"));
  EXPECT_FALSE(ParseArn("*"));
}

TEST(ArnTest, ArnAccount) {
  EXPECT_EQ(ArnAccount("arn:aws:amplify:us-east-1:111111111111:apps/d1abc"), "111111111111");
  EXPECT_EQ(ArnAccount("arn:aws:iam::aws:policy/ReadOnlyAccess"), "aws");
  EXPECT_EQ(ArnAccount("arn:aws:s3:::bucket"), "");
  EXPECT_EQ(ArnAccount("arn:aws:iam::123456789012"), "");
  EXPECT_EQ(ArnAccount("123456789012"), "");  // an ID, not an ARN
}

TEST(ArnTest, PrincipalAccount) {
  EXPECT_EQ(PrincipalAccount("123456789012"), "123456789012");
  EXPECT_EQ(PrincipalAccount("arn:aws:iam::123456789012:root"), "123456789012");
  EXPECT_EQ(PrincipalAccount("arn:aws-us-gov:iam::210987654321:role/r"), "210987654321");
  EXPECT_EQ(PrincipalAccount("12345678901"), "");    // eleven digits
  EXPECT_EQ(PrincipalAccount("1234567890123"), "");  // thirteen
  EXPECT_EQ(PrincipalAccount("12345678901a"), "");
  EXPECT_EQ(PrincipalAccount("*"), "");
  EXPECT_EQ(PrincipalAccount("amplify.amazonaws.com"), "");
}

TEST(ArnTest, IsAccountId) {
  EXPECT_TRUE(IsAccountId("000000000000"));
  EXPECT_FALSE(IsAccountId(""));
  EXPECT_FALSE(IsAccountId("-12345678901"));
}

}  // namespace
}  // namespace iamlint
