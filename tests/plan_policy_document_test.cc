// load/plan/policy_document.h: the emulation of data "aws_iam_policy_document"
// from attribute values (as a plan's `values`, or as the Terraform source
// loader would evaluate a block).
#include "load/plan/policy_document.h"

#include <string>

#include <gtest/gtest.h>

namespace iamlint::plan {
namespace {

json::Document Parse(const std::string& text) {
  json::Document doc;
  json::ParseError err;
  EXPECT_TRUE(json::Parse(text, &doc, &err)) << text;
  return doc;
}

Location Locate(const std::string& pointer, const json::Value& /*block*/) {
  return Location{"main.tf", pointer, 7};
}

PolicyDocumentBlock Block(const json::Value* values, const json::Value* unknown = nullptr) {
  PolicyDocumentBlock b;
  b.values = values;
  b.unknown = unknown;
  b.loc = Location{"main.tf", "/data", 3};
  b.statements_pointer = "/data/statement";
  return b;
}

TEST(PlanPolicyDocumentTest, StatementsWithTheProvidersSemantics) {
  json::Document v = Parse(R"({"statement": [
    {"sid": "Read", "effect": "Allow", "actions": ["s3:GetObject"],
     "resources": ["arn:aws:s3:::b/*"], "not_resources": [],
     "condition": [{"test": "StringEquals", "variable": "aws:SourceVpc", "values": ["vpc-1"]}]},
    {"effect": "Deny", "not_actions": ["iam:*"], "not_resources": ["arn:aws:s3:::b"],
     "principals": [{"type": "*", "identifiers": ["*"]}]}]})");
  auto pd = EmulatePolicyDocument(Block(&v.root()), Locate);
  ASSERT_TRUE(pd.has_value());
  EXPECT_EQ(pd->version, "2012-10-17");
  EXPECT_EQ(pd->loc.pointer, "/data");
  EXPECT_FALSE(pd->partially_unknown);
  ASSERT_EQ(pd->statements.size(), 2u);
  const Statement& a = pd->statements[0];
  EXPECT_EQ(a.sid, "Read");
  EXPECT_EQ(a.effect, Effect::kAllow);
  EXPECT_EQ(a.actions, std::vector<std::string>{"s3:GetObject"});
  EXPECT_TRUE(a.has_resource);
  EXPECT_FALSE(a.not_resource);
  ASSERT_EQ(a.conditions.size(), 1u);
  EXPECT_EQ(a.conditions[0].op, "StringEquals");
  EXPECT_EQ(a.conditions[0].key, "aws:SourceVpc");
  EXPECT_EQ(a.loc.pointer, "/data/statement/0");
  const Statement& d = pd->statements[1];
  EXPECT_EQ(d.effect, Effect::kDeny);
  EXPECT_TRUE(d.not_action);
  EXPECT_TRUE(d.not_resource);
  EXPECT_TRUE(d.principal.present);
  EXPECT_TRUE(d.principal.any);
  EXPECT_EQ(d.loc.pointer, "/data/statement/1");
}

TEST(PlanPolicyDocumentTest, UnknownValuesStayUnknown) {
  json::Document v = Parse(R"({"statement": [{"actions": ["s3:GetObject"], "sid": null},
                                             {"actions": ["s3:PutObject"]}]})");
  json::Document u = Parse(R"({"statement": [{"sid": true}, {"resources": [true]}]})");
  auto pd = EmulatePolicyDocument(Block(&v.root(), &u.root()), Locate);
  ASSERT_TRUE(pd.has_value());
  EXPECT_TRUE(pd->partially_unknown);
  EXPECT_FALSE(pd->unknown_statements);
  EXPECT_TRUE(pd->statements[0].partially_unknown);
  EXPECT_FALSE(pd->statements[0].unknown_core);  // only the Sid
  EXPECT_TRUE(pd->statements[1].unknown_core);   // a resource
}

TEST(PlanPolicyDocumentTest, MergedDocumentsMakeTheStatementListIncomplete) {
  json::Document v = Parse(R"({"statement": [], "source_policy_documents": ["{}"]})");
  auto pd = EmulatePolicyDocument(Block(&v.root()), Locate);
  ASSERT_TRUE(pd.has_value());
  EXPECT_TRUE(pd->unknown_statements);
  json::Document w = Parse(R"({"statement": [], "override_json": ""})");
  json::Document mask = Parse(R"({"source_json": true})");
  auto unknown_source = EmulatePolicyDocument(Block(&w.root(), &mask.root()), Locate);
  ASSERT_TRUE(unknown_source.has_value());
  EXPECT_TRUE(unknown_source->unknown_statements);
  auto plain = EmulatePolicyDocument(Block(&w.root()), Locate);
  ASSERT_TRUE(plain.has_value());
  EXPECT_FALSE(plain->unknown_statements);
}

TEST(PlanPolicyDocumentTest, NoStatementListIsNoDocument) {
  json::Document v = Parse(R"({"statement": null})");
  EXPECT_FALSE(EmulatePolicyDocument(Block(&v.root()), Locate).has_value());
  EXPECT_FALSE(EmulatePolicyDocument(Block(nullptr), Locate).has_value());
}

TEST(PlanPolicyDocumentTest, FromConfigurationExpressions) {
  json::Document e = Parse(R"([
    {"effect": {"constant_value": "Allow"}, "actions": {"constant_value": ["s3:*"]},
     "resources": {"references": ["aws_s3_bucket.b.arn", "aws_s3_bucket.b"]}},
    {"actions": {"constant_value": ["sqs:SendMessage"]}, "dynamic": {}}])");
  auto pd = PolicyDocumentFromExpressions(Block(nullptr), e.root());
  ASSERT_EQ(pd.statements.size(), 2u);
  EXPECT_TRUE(pd.partially_unknown);
  EXPECT_EQ(pd.statements[0].actions, std::vector<std::string>{"s3:*"});
  EXPECT_TRUE(pd.statements[0].unknown_core);  // resources are references
  EXPECT_EQ(pd.statements[0].loc.pointer, "/data");
  EXPECT_TRUE(pd.statements[1].unknown_core);  // a dynamic block
}

TEST(PlanPolicyDocumentTest, StringsOf) {
  json::Document v = Parse(R"({"one": "a", "list": ["a", 1, "b"], "n": 2})");
  EXPECT_EQ(StringsOf(v.root().Find("one")), std::vector<std::string>{"a"});
  EXPECT_EQ(StringsOf(v.root().Find("list")), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(StringsOf(v.root().Find("n")).empty());
  EXPECT_TRUE(StringsOf(nullptr).empty());
}

}  // namespace
}  // namespace iamlint::plan
