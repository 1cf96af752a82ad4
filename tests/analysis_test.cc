// The rules' shared analysis helpers that are easy to get subtly wrong.
#include <string>

#include <gtest/gtest.h>

#include "rules/analysis.h"

namespace iamlint {
namespace {

TEST(PatternsOverlap, LiteralsOverlapOnlyWhenEqual) {
  EXPECT_TRUE(PatternsOverlap("arn:aws:s3:::logs", "arn:aws:s3:::logs"));
  EXPECT_FALSE(PatternsOverlap("arn:aws:s3:::logs", "arn:aws:s3:::log"));
  EXPECT_FALSE(PatternsOverlap("", "a"));
  EXPECT_TRUE(PatternsOverlap("", ""));
}

TEST(PatternsOverlap, WildcardsInDifferentPlacesShareAnArn) {
  // Neither matches the other as a string, yet arn:aws:s3:::app-logs fits both.
  EXPECT_TRUE(PatternsOverlap("arn:aws:s3:::app-*", "arn:aws:s3:::*-logs"));
  EXPECT_TRUE(PatternsOverlap("arn:aws:dynamodb:*:123456789012:table/my-app-*",
                              "arn:aws:dynamodb:ap-northeast-1:*:table/*"));
  EXPECT_TRUE(PatternsOverlap("*", "arn:aws:s3:::x"));
  EXPECT_TRUE(PatternsOverlap("arn:aws:s3:::?", "arn:aws:s3:::*"));
}

TEST(PatternsOverlap, DisjointFixedPartsDoNotOverlap) {
  EXPECT_FALSE(PatternsOverlap("arn:aws:s3:::app-*", "arn:aws:s3:::web-*"));
  EXPECT_FALSE(PatternsOverlap("arn:aws:dynamodb:*:*:table/a-*", "arn:aws:sqs:*:*:a-*"));
  // `?` is exactly one character.
  EXPECT_FALSE(PatternsOverlap("arn:aws:s3:::a?", "arn:aws:s3:::a"));
  EXPECT_FALSE(PatternsOverlap("arn:aws:s3:::*-logs", "arn:aws:s3:::*-data"));
}

TEST(PatternsOverlap, VeryLongPairsAreTakenToOverlap) {
  const std::string a(3000, 'a');
  const std::string b(3000, 'b');
  EXPECT_TRUE(PatternsOverlap(a, b));  // too big to decide cheaply: the cautious answer
  EXPECT_FALSE(PatternsOverlap(a.substr(0, 100), b.substr(0, 100)));
}

}  // namespace
}  // namespace iamlint
