// ScopeBuilder: the steps every loader shares (policies by ARN, grants, env vars, skip tags).
#include "load/scope_builder.h"

#include <string>

#include <gtest/gtest.h>

namespace iamlint {
namespace {

json::Document Parse(const std::string& text) {
  json::Document doc;
  json::ParseError err;
  EXPECT_TRUE(json::Parse(text, &doc, &err)) << text;
  return doc;
}

Location At(const std::string& pointer, const json::Value& v) {
  return Location{"f.json", pointer, v.offset()};  // the offset stands in for a line
}

Policy Managed(const std::string& display, const std::string& arn) {
  Policy p;
  p.display = display;
  p.arn = Known<std::string>::Of(arn);
  return p;
}

TEST(ScopeBuilderTest, AddPolicyIndexesByArnFirstOneWins) {
  Scope scope;
  ScopeBuilder b(&scope);
  EXPECT_EQ(b.AddPolicy(Managed("a", "arn:aws:iam::1:policy/p")), 0);
  EXPECT_EQ(b.AddPolicy(Managed("b", "arn:aws:iam::1:policy/p")), 1);
  EXPECT_EQ(b.FindPolicy("arn:aws:iam::1:policy/p"), 0);
  EXPECT_EQ(b.FindPolicy("arn:aws:iam::1:policy/q"), -1);
  EXPECT_EQ(scope.policies.size(), 2u);
}

TEST(ScopeBuilderTest, InlinePoliciesAndUnknownArnsAreNotFoundByArn) {
  Scope scope;
  ScopeBuilder b(&scope);
  Policy inline_policy = Managed("r inline", "arn:aws:iam::1:policy/i");
  inline_policy.is_inline = true;
  b.AddPolicy(inline_policy);
  Policy unknown;
  unknown.arn = Known<std::string>::Unknown();
  b.AddPolicy(unknown);
  EXPECT_EQ(b.FindPolicy("arn:aws:iam::1:policy/i"), -1);
  // So a policy named by that ARN is a new one.
  EXPECT_EQ(b.PolicyForArn("arn:aws:iam::1:policy/i", Location{}), 2);
}

TEST(ScopeBuilderTest, PolicyForArnMakesOnePolicyPerArn) {
  Scope scope;
  ScopeBuilder b(&scope);
  const Location loc{"f.json", "/x", 3};
  const int i = b.PolicyForArn("arn:aws:iam::123456789012:policy/team/data-read", loc);
  EXPECT_EQ(b.PolicyForArn("arn:aws:iam::123456789012:policy/team/data-read", Location{}), i);
  ASSERT_EQ(scope.policies.size(), 1u);
  const Policy& p = scope.policies[0];
  EXPECT_EQ(p.display, "arn:aws:iam::123456789012:policy/team/data-read");
  EXPECT_EQ(p.name.value(), "data-read");
  EXPECT_FALSE(p.aws_managed);
  EXPECT_FALSE(p.is_inline);
  EXPECT_TRUE(p.document.unknown());
  EXPECT_EQ(p.loc.pointer, "/x");
}

TEST(ScopeBuilderTest, AwsManagedPoliciesComeWithTheirBundledDocument) {
  Policy p = ScopeBuilder::PolicyNamedByArn("arn:aws:iam::aws:policy/AdministratorAccess", {});
  EXPECT_TRUE(p.aws_managed);
  EXPECT_EQ(p.name.value(), "AdministratorAccess");
  ASSERT_TRUE(p.document.known());
  ASSERT_FALSE(p.document.value().statements.empty());
  EXPECT_EQ(p.document.value().statements[0].actions, std::vector<std::string>{"*"});
  // One iamlint does not bundle: AWS managed all the same, its text unknown.
  Policy q = ScopeBuilder::PolicyNamedByArn("arn:aws:iam::aws:policy/NoSuchPolicyEver", {});
  EXPECT_TRUE(q.aws_managed);
  EXPECT_TRUE(q.document.unknown());
}

TEST(ScopeBuilderTest, GrantsRecordWhatTheirViaNames) {
  std::vector<Grant> grants;
  ScopeBuilder::AddGrant(&grants, 4, "aws_iam_role_policy_attachment.a",
                         ScopeBuilder::Via::kResource, Location{"f", "/a", 1});
  ScopeBuilder::AddGrant(&grants, 5, "managed_policy_arns", ScopeBuilder::Via::kAttribute,
                         Location{"f", "/b", 2});
  ASSERT_EQ(grants.size(), 2u);
  EXPECT_EQ(grants[0].policy, 4);
  EXPECT_EQ(grants[0].via, "aws_iam_role_policy_attachment.a");
  EXPECT_TRUE(grants[0].via_resource);
  EXPECT_EQ(grants[0].loc.pointer, "/a");
  EXPECT_FALSE(grants[1].via_resource);
  EXPECT_EQ(grants[1].via, "managed_policy_arns");
}

TEST(ScopeBuilderTest, EnvFromMapKnowsOnlyStringValues) {
  json::Document doc = Parse(R"({"A": "1", "B": null, "C/D": 2})");
  auto env = ScopeBuilder::EnvFromMap(doc.root(), "/env", At);
  ASSERT_EQ(env.size(), 3u);
  EXPECT_EQ(env[0].name, "A");
  EXPECT_TRUE(env[0].value_known);
  EXPECT_EQ(env[0].value, "1");
  EXPECT_EQ(env[0].loc.pointer, "/env/A");
  EXPECT_FALSE(env[1].value_known);
  EXPECT_EQ(env[1].value, "");
  EXPECT_FALSE(env[2].value_known);
  EXPECT_EQ(env[2].loc.pointer, "/env/C~1D");
}

TEST(ScopeBuilderTest, EnvFromListReadsNamedItemsWithTheLoadersValueText) {
  json::Document doc = Parse(R"([{"Name": "A", "Value": "x"}, {"Value": "no name"}, "junk",
                                 {"Name": "B"}, {"Name": "C", "Value": {"Ref": "P"}}])");
  // A loader's own reading of values: a missing value is "", a Ref is unknown.
  auto text = [](const json::Value* v) -> std::optional<std::string> {
    if (v == nullptr) return std::string();
    return ScopeBuilder::StringValue(v);
  };
  auto env = ScopeBuilder::EnvFromList(doc.root(), "/vars", "Name", "Value", At, text);
  ASSERT_EQ(env.size(), 3u);
  EXPECT_EQ(env[0].name, "A");
  EXPECT_EQ(env[0].value, "x");
  EXPECT_EQ(env[0].loc.pointer, "/vars/0");
  EXPECT_EQ(env[0].loc.line, doc.root().items()[0].offset());
  EXPECT_EQ(env[1].name, "B");
  EXPECT_TRUE(env[1].value_known);
  EXPECT_EQ(env[1].loc.pointer, "/vars/3");
  EXPECT_EQ(env[2].name, "C");
  EXPECT_FALSE(env[2].value_known);
  // The default reading: only strings are known.
  auto plain = ScopeBuilder::EnvFromList(doc.root(), "/vars", "Name", "Value", At);
  ASSERT_EQ(plain.size(), 3u);
  EXPECT_FALSE(plain[1].value_known);
}

TEST(ScopeBuilderTest, SkipTagEntriesOfAMap) {
  json::Document doc = Parse(R"({"team": "a", "iamlint:skip": "AMP001: reviewed"})");
  auto tags = ScopeBuilder::SkipTagEntries(doc.root(), "/tags", "key", "value");
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].pointer, "/tags/iamlint:skip");
  ASSERT_NE(tags[0].value, nullptr);
  EXPECT_EQ(tags[0].value->str(), "AMP001: reviewed");
  EXPECT_EQ(tags[0].item, tags[0].value);
}

TEST(ScopeBuilderTest, SkipTagEntriesOfAList) {
  json::Document doc = Parse(R"([{"Key": "team", "Value": "a"},
                                 {"Key": "iamlint:skip", "Value": "AMP001: one"},
                                 {"Key": "iamlint:skip"}, 7,
                                 {"key": "iamlint:skip", "value": "other spelling"}])");
  auto tags = ScopeBuilder::SkipTagEntries(doc.root(), "/Tags", "Key", "Value");
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].pointer, "/Tags/1");
  EXPECT_EQ(tags[0].item, &doc.root().items()[1]);
  EXPECT_EQ(tags[0].value->str(), "AMP001: one");
  EXPECT_EQ(tags[1].pointer, "/Tags/2");
  EXPECT_EQ(tags[1].value, nullptr);
  // Neither a map nor a list: no tags.
  json::Document text = Parse(R"("iamlint:skip")");
  EXPECT_TRUE(ScopeBuilder::SkipTagEntries(text.root(), "/t", "Key", "Value").empty());
}

TEST(ScopeBuilderTest, AddSkipTagAppendsToTheScope) {
  Scope scope;
  ScopeBuilder b(&scope);
  b.AddSkipTag("aws_iam_role.r", "AMP002: ok", Location{"f", "/tag", 4}, Location{"f", "/r", 2});
  ASSERT_EQ(scope.skip_tags.size(), 1u);
  EXPECT_EQ(scope.skip_tags[0].resource, "aws_iam_role.r");
  EXPECT_EQ(scope.skip_tags[0].value, "AMP002: ok");
  EXPECT_EQ(scope.skip_tags[0].loc.pointer, "/tag");
  EXPECT_EQ(scope.skip_tags[0].resource_loc.pointer, "/r");
}

}  // namespace
}  // namespace iamlint
