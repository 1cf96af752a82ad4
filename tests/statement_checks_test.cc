// What the IAM rules' statement questions mean: actions and resources that cover everything,
// assume actions reached through wildcards and NotAction, and conditions that do (not) narrow
// the caller.
#include <string>

#include <gtest/gtest.h>

#include "rules/statement_checks.h"

namespace iamlint {
namespace {

TEST(CoversAllActions, EveryWayToWriteEverything) {
  for (const char* p : {"*", "*:*", "**", "*:**", "?*:*", "*:?*", "*?:*"}) {
    EXPECT_TRUE(CoversAllActions(p)) << p;
  }
  for (const char* p : {"s3:*", "*:Get*", "iam:*", "*:*Item", "??:*", "*:?", "", "*:*:*", "a*"}) {
    EXPECT_FALSE(CoversAllActions(p)) << p;
  }
}

TEST(CoversWholePartition, PatternsMatchingEveryArn) {
  for (const char* p : {"*", "arn:*", "arn:aws:*", "arn:*:*:*:*:*", "arn:aws:*:*:*:*",
                        "arn:aws-cn:*", "arn:aws-us-gov:*:*:*:*", "arn:*:*", "arn:aws:*:*",
                        "arn:aws:?*:*:*:?*", "arn:aws:*:*:*:**", "*:*"}) {
    EXPECT_TRUE(CoversWholePartition(p)) << p;
  }
}

TEST(CoversWholePartition, PatternsThatLeaveArnsOut) {
  for (const char* p : {
           "arn:*:*:*:*:*/*",               // S3 buckets, SQS queues, SNS topics have no '/'
           "arn:*:*:*:*:*:*",               // needs a sixth ':' (arn:aws:s3:::bucket has five)
           "arn:aws:s3:::*",                // one service
           "arn:aws:*:ap-northeast-1:*:*",  // one region (IAM and S3 ARNs have none)
           "arn:aws:*:*:123456789012:*",    // one account
           "arn:aws:*::*:*",                // an empty region only
           "ARN:*",                         // resource ARNs match case-sensitively
           "arn:aws:*:*:*:??*",             // a one-character resource is missed
           "arn:awz:*",
           "",
           "arn:",
           "arn:aws:",
       }) {
    EXPECT_FALSE(CoversWholePartition(p)) << p;
  }
}

TEST(CoversWholePartition, BoundedOnHostilePatterns) {
  std::string many_stars;
  for (int i = 0; i < 250; ++i) many_stars += "*a";
  EXPECT_FALSE(CoversWholePartition(many_stars));
  EXPECT_FALSE(CoversWholePartition(std::string(100000, '*') + "x"));  // over the size bound
  EXPECT_FALSE(CoversAllActions(many_stars));
}

Statement Stmt(std::vector<std::string> actions, bool not_action = false) {
  Statement st;
  st.effect = Effect::kAllow;
  st.actions = std::move(actions);
  st.not_action = not_action;
  return st;
}

TEST(StatementReaches, WildcardsAndNotAction) {
  EXPECT_TRUE(StatementReaches(Stmt({"sts:*"}), "sts:AssumeRole"));
  EXPECT_TRUE(StatementReaches(Stmt({"*"}), "sts:AssumeRoleWithSAML"));
  EXPECT_TRUE(StatementReaches(Stmt({"STS:assumerole"}), "sts:AssumeRole"));
  EXPECT_TRUE(StatementReaches(Stmt({"sts:AssumeRoleWithWebIdentity"}, true), "sts:AssumeRole"));
  EXPECT_FALSE(StatementReaches(Stmt({"sts:*"}, true), "sts:AssumeRole"));
  EXPECT_FALSE(StatementReaches(Stmt({"sts:TagSession"}), "sts:AssumeRole"));
  EXPECT_FALSE(StatementReaches(Stmt({}), "sts:AssumeRole"));
  EXPECT_FALSE(StatementReaches(Stmt({}, true), "sts:AssumeRole"));  // unknown, not everything
}

TEST(ParseConditionOperator, Parts) {
  ConditionOperator op = ParseConditionOperator("ForAllValues:StringNotLikeIfExists");
  EXPECT_EQ(op.base, "StringNotLike");
  EXPECT_TRUE(op.for_all_values && op.if_exists && op.negated);
  EXPECT_FALSE(op.for_any_value);
  op = ParseConditionOperator("forAnyValue:StringLike");
  EXPECT_EQ(op.base, "StringLike");
  EXPECT_TRUE(op.for_any_value);
  EXPECT_FALSE(op.negated || op.if_exists || op.for_all_values);
  EXPECT_TRUE(ParseConditionOperator("NotIpAddress").negated);
  EXPECT_FALSE(ParseConditionOperator("Null").negated);
  EXPECT_EQ(ParseConditionOperator("IfExists").base, "IfExists");  // not an empty operator
}

Statement WithCondition(const std::string& op, const std::string& key) {
  Statement st = Stmt({"s3:GetObject"});
  st.principal.present = true;
  st.principal.any = true;
  st.conditions.push_back({op, key, {"value"}});
  return st;
}

TEST(NarrowsCaller, PositiveTestsOfCallerKeys) {
  EXPECT_TRUE(NarrowsCaller(WithCondition("StringEquals", "aws:PrincipalOrgID"),
                            CallerScope::kResourcePolicy));
  EXPECT_TRUE(
      NarrowsCaller(WithCondition("ArnLike", "AWS:SourceArn"), CallerScope::kResourcePolicy));
  EXPECT_TRUE(NarrowsCaller(WithCondition("ForAnyValue:StringEquals", "aws:SourceVpce"),
                            CallerScope::kResourcePolicy));
  EXPECT_TRUE(NarrowsCaller(WithCondition("StringEquals", "accounts.google.com:aud"),
                            CallerScope::kTrustPolicy));
}

TEST(NarrowsCaller, TestsThatLetOthersIn) {
  for (const char* op : {"StringNotEquals", "ArnNotLike", "StringEqualsIfExists",
                         "ForAllValues:StringEquals", "Null"}) {
    EXPECT_FALSE(
        NarrowsCaller(WithCondition(op, "aws:PrincipalOrgID"), CallerScope::kResourcePolicy))
        << op;
    EXPECT_FALSE(
        CallerLoophole(WithCondition(op, "aws:PrincipalOrgID"), CallerScope::kResourcePolicy)
            .empty())
        << op;
  }
  // Keys that say nothing of who calls, or that the caller chooses.
  for (const char* key : {"aws:SecureTransport", "sts:ExternalId", "aws:PrincipalTag/team",
                          "aws:MultiFactorAuthPresent", "s3:x-amz-acl"}) {
    EXPECT_FALSE(NarrowsCaller(WithCondition("StringEquals", key), CallerScope::kTrustPolicy))
        << key;
  }
  // A provider's claims narrow only a trust policy.
  EXPECT_FALSE(NarrowsCaller(WithCondition("StringEquals", "accounts.google.com:aud"),
                             CallerScope::kResourcePolicy));
  EXPECT_EQ(CallerLoophole(WithCondition("StringEquals", "aws:SecureTransport"),
                           CallerScope::kResourcePolicy),
            "");
}

}  // namespace
}  // namespace iamlint
