// The policy evaluation engine on hand-written policies, one behaviour per test.
#include <string>

#include <gtest/gtest.h>

#include "json/json.h"
#include "policy/eval.h"
#include "policy/parse.h"

namespace iamlint {
namespace {

PolicyDocument Doc(const std::string& text) {
  json::Document d;
  json::ParseError err;
  EXPECT_TRUE(json::Parse(text, &d, &err)) << err.message;
  return PolicyFromJson(d.root(), Location{}, nullptr);
}

class EvalTest : public ::testing::Test {
 protected:
  Decision Run(const std::string& identity, const std::string& action, const std::string& resource,
               std::map<std::string, std::vector<std::string>> context = {}, bool complete = true) {
    PolicyDocument doc = Doc(identity);
    EvalPolicies p;
    p.identity.push_back({"policy", &doc});
    EvalRequest r;
    r.principal = "arn:aws:iam::123456789012:role/app";
    r.action = action;
    r.resource = resource;
    r.context = std::move(context);
    r.context_complete = complete;
    last_ = Evaluate(p, r);
    return last_.decision;
  }
  EvalResult last_;
};

const char* kTable = "arn:aws:dynamodb:ap-northeast-1:123456789012:table/my-app-users";

TEST_F(EvalTest, AllowWithWildcardsCaseInsensitiveActions) {
  const char* p = R"({"Statement": {"Effect": "Allow", "Action": "DynamoDB:Get*",
    "Resource": "arn:aws:dynamodb:ap-northeast-1:*:table/my-app-*"}})";
  EXPECT_EQ(Run(p, "dynamodb:GetItem", kTable), Decision::kAllowed);
  EXPECT_EQ(Run(p, "dynamodb:PutItem", kTable), Decision::kImplicitDeny);
  EXPECT_EQ(
      Run(p, "dynamodb:GetItem", "arn:aws:dynamodb:ap-northeast-1:123456789012:table/My-App-users"),
      Decision::kImplicitDeny)
      << "resource ARNs match case-sensitively";
}

TEST_F(EvalTest, ExplicitDenyWins) {
  const char* p = R"({"Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "dynamodb:Delete*", "Resource": "*"}]})";
  EXPECT_EQ(Run(p, "dynamodb:DeleteItem", kTable), Decision::kExplicitDeny);
  ASSERT_EQ(last_.deciding.size(), 1u);
  EXPECT_EQ(last_.deciding[0].effect, Effect::kDeny);
  EXPECT_EQ(Run(p, "dynamodb:PutItem", kTable), Decision::kAllowed);
}

TEST_F(EvalTest, NotActionAndNotResource) {
  const char* p = R"({"Statement": [
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::my-app-*"}]})";
  EXPECT_EQ(Run(p, "iam:PassRole", "arn:aws:iam::123456789012:role/x"), Decision::kImplicitDeny);
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::my-app-data/k"), Decision::kAllowed);
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::other/k"), Decision::kExplicitDeny);
}

TEST_F(EvalTest, PolicyVariablesInResources) {
  const char* p = R"({"Statement": {"Effect": "Allow", "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::home/${aws:username}/*"}})";
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::home/alice/a.txt", {{"aws:username", {"alice"}}}),
            Decision::kAllowed);
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::home/bob/a.txt", {{"aws:username", {"alice"}}}),
            Decision::kImplicitDeny);
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::home/alice/a.txt"), Decision::kImplicitDeny)
      << "a variable without a value does not match";
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::home/alice/a.txt", {}, false), Decision::kDepends);
  EXPECT_EQ(last_.missing_keys, std::vector<std::string>{"aws:username"});
  const char* star = R"({"Statement": {"Effect": "Allow", "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::literal/${*}"}})";
  EXPECT_EQ(Run(star, "s3:GetObject", "arn:aws:s3:::literal/*"), Decision::kAllowed);
  EXPECT_EQ(Run(star, "s3:GetObject", "arn:aws:s3:::literal/x"), Decision::kImplicitDeny)
      << "${*} is a literal asterisk";
}

TEST_F(EvalTest, StringAndArnConditions) {
  const char* p =
      R"({"Statement": {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*",
    "Condition": {"StringEquals": {"aws:SourceAccount": ["111111111111", "123456789012"]},
                  "ArnLike": {"aws:SourceArn": "arn:aws:amplify:*:123456789012:apps/*"}}}})";
  const std::string role = "arn:aws:lambda:us-east-1:123456789012:function:f";
  EXPECT_EQ(
      Run(p, "lambda:InvokeFunction", role,
          {{"aws:SourceAccount", {"123456789012"}},
           {"aws:SourceArn", {"arn:aws:amplify:us-east-1:123456789012:apps/d1/branches/main"}}}),
      Decision::kAllowed);
  EXPECT_EQ(Run(p, "lambda:InvokeFunction", role,
                {{"aws:SourceAccount", {"999999999999"}},
                 {"aws:SourceArn", {"arn:aws:amplify:us-east-1:123456789012:apps/d1"}}}),
            Decision::kImplicitDeny);
  EXPECT_EQ(Run(p, "lambda:InvokeFunction", role), Decision::kImplicitDeny) << "missing keys fail";
  EXPECT_EQ(Run(p, "lambda:InvokeFunction", role, {}, false), Decision::kDepends);
  EXPECT_EQ(last_.missing_keys.size(), 2u);
}

TEST_F(EvalTest, NegatedOperatorsAndIfExists) {
  const char* p = R"({"Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
     "Condition": {"StringNotEqualsIfExists": {"aws:RequestedRegion": "ap-northeast-1"}}},
    {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})";
  const std::string obj = "arn:aws:s3:::b/k";
  EXPECT_EQ(Run(p, "s3:GetObject", obj, {{"aws:RequestedRegion", {"ap-northeast-1"}}}),
            Decision::kAllowed);
  EXPECT_EQ(Run(p, "s3:GetObject", obj, {{"aws:RequestedRegion", {"us-east-1"}}}),
            Decision::kExplicitDeny);
  EXPECT_EQ(Run(p, "s3:GetObject", obj), Decision::kExplicitDeny)
      << "IfExists: an absent key makes the condition true, so the Deny applies";
  EXPECT_EQ(Run(p, "s3:GetObject", obj, {{"aws:SecureTransport", {"FALSE"}}}),
            Decision::kExplicitDeny);
}

TEST_F(EvalTest, NumericDateIpAndNull) {
  const char* p = R"({"Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
    "Condition": {"NumericLessThanEquals": {"s3:max-keys": "10"},
                  "DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"},
                  "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]},
                  "Null": {"aws:TokenIssueTime": "false"}}}})";
  std::map<std::string, std::vector<std::string>> ok = {
      {"s3:max-keys", {"10"}},
      {"aws:CurrentTime", {"2026-11-24T10:00:00+09:00"}},
      {"aws:SourceIp", {"10.1.2.3"}},
      {"aws:TokenIssueTime", {"2026-11-24T00:00:00Z"}}};
  EXPECT_EQ(Run(p, "s3:ListBucket", "arn:aws:s3:::b", ok), Decision::kAllowed);
  auto v6 = ok;
  v6["aws:SourceIp"] = {"2001:db8:1::5"};
  EXPECT_EQ(Run(p, "s3:ListBucket", "arn:aws:s3:::b", v6), Decision::kAllowed);
  auto far = ok;
  far["aws:SourceIp"] = {"192.168.0.1"};
  EXPECT_EQ(Run(p, "s3:ListBucket", "arn:aws:s3:::b", far), Decision::kImplicitDeny);
  auto late = ok;
  late["aws:CurrentTime"] = {"2027-01-01T00:00:01Z"};
  EXPECT_EQ(Run(p, "s3:ListBucket", "arn:aws:s3:::b", late), Decision::kImplicitDeny);
  auto many = ok;
  many["s3:max-keys"] = {"11"};
  EXPECT_EQ(Run(p, "s3:ListBucket", "arn:aws:s3:::b", many), Decision::kImplicitDeny);
  auto no_token = ok;
  no_token.erase("aws:TokenIssueTime");
  EXPECT_EQ(Run(p, "s3:ListBucket", "arn:aws:s3:::b", no_token), Decision::kImplicitDeny);
}

TEST_F(EvalTest, SetOperators) {
  const char* all =
      R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
    "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["id", "name"]}}}})";
  EXPECT_EQ(Run(all, "dynamodb:GetItem", kTable, {{"dynamodb:Attributes", {"id", "name"}}}),
            Decision::kAllowed);
  EXPECT_EQ(Run(all, "dynamodb:GetItem", kTable, {{"dynamodb:Attributes", {"id", "ssn"}}}),
            Decision::kImplicitDeny);
  EXPECT_EQ(Run(all, "dynamodb:GetItem", kTable), Decision::kAllowed) << "vacuously true";
  const char* any =
      R"({"Statement": {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
    "Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": ["env*"]}}}})";
  EXPECT_EQ(Run(any, "dynamodb:GetItem", kTable, {{"aws:TagKeys", {"team", "environment"}}}),
            Decision::kAllowed);
  EXPECT_EQ(Run(any, "dynamodb:GetItem", kTable), Decision::kImplicitDeny);
}

TEST_F(EvalTest, BoundaryAndResourcePolicy) {
  PolicyDocument identity =
      Doc(R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})");
  PolicyDocument boundary =
      Doc(R"({"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}})");
  PolicyDocument to_role = Doc(R"({"Statement": {"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"}, "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::b/*"}})");
  PolicyDocument to_account = Doc(R"({"Statement": {"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::b/*"}})");
  EvalPolicies p;
  p.identity.push_back({"id", &identity});
  p.boundary.push_back({"boundary", &boundary});
  EvalRequest r;
  r.principal = "arn:aws:iam::123456789012:role/app";
  r.resource = "arn:aws:s3:::b/k";
  r.action = "s3:GetObject";
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kAllowed);
  r.action = "s3:DeleteObject";
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kImplicitDeny) << "outside the boundary";
  r.action = "s3:PutObject";
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kImplicitDeny);
  p.resource.push_back({"bucket policy", &to_account});
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kImplicitDeny)
      << "naming the account delegates to IAM policies, which the boundary limits";
  p.resource = {{"bucket policy", &to_role}};
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kImplicitDeny)
      << "a grant to the role's ARN is capped by the role's boundary too";
  PolicyDocument to_everyone = Doc(R"({"Statement": {"Effect": "Allow", "Principal": "*",
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}})");
  p.resource = {{"bucket policy", &to_everyone}};
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kAllowed)
      << "`*` names the role's session, which the boundary does not cap";
  p.resource = {{"bucket policy", &to_role}};
  p.boundary.clear();
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kAllowed) << "granted to the role by the bucket";
  r.principal = "arn:aws:iam::123456789012:user/alice";
  p.boundary.push_back({"boundary", &boundary});
  PolicyDocument to_user = Doc(R"({"Statement": {"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::b/*"}})");
  p.resource = {{"bucket policy", &to_user}};
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kAllowed)
      << "a grant to a user's ARN in the same account is not capped by the boundary";
  r.principal = "arn:aws:iam::999999999999:role/other";
  p.boundary.clear();
  p.identity.clear();
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kImplicitDeny) << "another principal";
}

TEST_F(EvalTest, KmsAndAssumeRoleNeedTheResourcePolicy) {
  const char* p = R"({"Statement": {"Effect": "Allow", "Action": ["kms:Decrypt", "sts:AssumeRole"],
    "Resource": "*"}})";
  EXPECT_EQ(Run(p, "kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/k"), Decision::kDepends);
  EXPECT_EQ(last_.missing_keys, std::vector<std::string>{"(the KMS key policy)"});
  EXPECT_EQ(Run(p, "sts:AssumeRole", "arn:aws:iam::123456789012:role/r"), Decision::kDepends);
}

TEST_F(EvalTest, KeyPolicyMustAllowTheCallerOrLetItsAccountDecide) {
  const std::string key = "arn:aws:kms:us-east-1:123456789012:key/k";
  PolicyDocument identity =
      Doc(R"({"Statement": {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}})");
  PolicyDocument default_policy = Doc(R"({"Statement": {"Sid": "Enable IAM User Permissions",
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": "kms:*", "Resource": "*"}})");
  PolicyDocument admins_only = Doc(R"({"Statement": {"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:role/key-admin"}, "Action": "kms:*",
    "Resource": "*"}})");
  PolicyDocument to_app = Doc(R"({"Statement": {"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"}, "Action": "kms:Decrypt",
    "Resource": "*"}})");
  EvalPolicies p;
  p.identity.push_back({"id", &identity});
  EvalRequest r;
  r.principal = "arn:aws:iam::123456789012:role/app";
  r.action = "kms:Decrypt";
  r.resource = key;
  p.resource = {{"key policy", &default_policy}};
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kAllowed) << "the account's IAM policies decide";
  p.resource = {{"key policy", &admins_only}};
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kImplicitDeny)
      << "IAM policies alone do not reach a key whose policy does not let them";
  p.resource = {{"key policy", &to_app}};
  p.identity.clear();
  EXPECT_EQ(Evaluate(p, r).decision, Decision::kAllowed) << "granted by the key policy itself";
}

TEST_F(EvalTest, NotResourceWithUnresolvedVariables) {
  // Without aws:username, whether an S3 object is excluded cannot be told: the statement
  // does not apply (or depends on the key, with a partial context).
  const char* p =
      R"({"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "dynamodb:GetItem"],
    "NotResource": "arn:aws:s3:::b/home/${aws:username}/*"}})";
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::other/k"), Decision::kImplicitDeny);
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::other/k", {}, false), Decision::kDepends);
  EXPECT_EQ(Run(p, "s3:GetObject", "arn:aws:s3:::other/k", {{"aws:username", {"alice"}}}),
            Decision::kAllowed);
  // A DynamoDB table is outside that S3 pattern whatever the user name.
  EXPECT_EQ(Run(p, "dynamodb:GetItem", kTable), Decision::kAllowed);
}

}  // namespace
}  // namespace iamlint
