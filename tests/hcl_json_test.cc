// Terraform's JSON configuration syntax read into the HCL tree.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hcl/hcl.h"

namespace iamlint::hcl {
namespace {

using Labels = std::vector<std::string>;

TEST(HclJson, BlocksFromNestedObjects) {
  const std::string text = R"({
  "//": "a comment",
  "terraform": {"required_version": ">= 1.5", "backend": {"s3": {"bucket": "b"}}},
  "variable": {"name": {"type": "string", "default": "app"}},
  "locals": {"prefix": "${var.name}-x", "n": 3},
  "resource": {
    "aws_iam_role": {
      "a": {"name": "a", "lifecycle": {"ignore_changes": ["tags"]}},
      "b": [{"name": "b"}]
    },
    "aws_iam_policy": {"p": {"policy": "${jsonencode({Version = \"2012-10-17\"})}"}}
  },
  "module": {"m": {"source": "./m"}}
})";
  File f;
  Error err;
  ASSERT_TRUE(ParseJsonConfig(text, "main.tf.json", &f, &err)) << err.ToString();
  EXPECT_TRUE(f.json);
  std::vector<std::string> seen;
  for (const Block& b : f.body.blocks) {
    std::string s = b.type;
    for (const std::string& l : b.labels) s += " " + l;
    seen.push_back(s);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"terraform", "variable name", "locals",
                                            "resource aws_iam_role a", "resource aws_iam_role b",
                                            "resource aws_iam_policy p", "module m"}));
  const Block& terraform = f.body.blocks[0];
  ASSERT_EQ(terraform.body.blocks.size(), 1u);
  EXPECT_EQ(terraform.body.blocks[0].type, "backend");
  EXPECT_EQ(terraform.body.blocks[0].labels, Labels{"s3"});
  const Block& locals = f.body.blocks[2];
  EXPECT_EQ(Dump(*locals.body.Find("prefix")->expr), R"((tpl (. var name) "-x"))");
  EXPECT_EQ(Dump(*locals.body.Find("n")->expr), "3");
  const Block& a = f.body.blocks[3];
  EXPECT_TRUE(a.body.from_json);
  ASSERT_EQ(a.body.blocks.size(), 1u);
  EXPECT_EQ(a.body.blocks[0].type, "lifecycle");
  EXPECT_EQ(Dump(*a.body.blocks[0].body.Find("ignore_changes")->expr), R"([ (tpl "tags") ])");
  const Block& p = f.body.blocks[5];
  EXPECT_EQ(Dump(*p.body.Find("policy")->expr),
            R"((tpl (call jsonencode {"Version"=(tpl "2012-10-17")})))");
}

TEST(HclJson, LocationsOfKeysAndValues) {
  const std::string text =
      "{\n"
      "  \"resource\": {\n"
      "    \"aws_iam_role\": {\n"
      "      \"r\": {\n"
      "        \"name\": \"x-${var.env}\"\n"
      "      }\n"
      "    }\n"
      "  }\n"
      "}\n";
  File f;
  Error err;
  ASSERT_TRUE(ParseJsonConfig(text, "main.tf.json", &f, &err)) << err.ToString();
  const Block& b = f.body.blocks[0];
  EXPECT_EQ(b.label_ranges[1].begin.line, 4u);
  EXPECT_EQ(b.label_ranges[1].begin.column, 7u);
  EXPECT_EQ(b.range.begin.line, 4u);
  EXPECT_EQ(b.range.end.line, 6u);
  const Attribute& name = b.body.attributes[0];
  EXPECT_EQ(name.name_range.begin.line, 5u);
  EXPECT_EQ(name.name_range.begin.column, 9u);
  EXPECT_EQ(name.expr->range.begin.column, 17u);
  // Inside a string without escapes, sequences are located exactly.
  const Expr& var = *name.expr->parts[1];
  EXPECT_EQ(Dump(var), "(. var env)");
  EXPECT_EQ(var.range.begin.line, 5u);
  EXPECT_EQ(var.range.begin.column, 22u);
}

TEST(HclJson, EscapedStringsAreTemplatesToo) {
  File f;
  Error err;
  ASSERT_TRUE(ParseJsonConfig(R"({"locals": {"a": "\"${x}\"\n", "b": "$${literal}"}})", "l.tf.json",
                              &f, &err))
      << err.ToString();
  EXPECT_EQ(Dump(*f.body.blocks[0].body.Find("a")->expr), R"((tpl "\"" x "\"\n"))");
  EXPECT_EQ(Dump(*f.body.blocks[0].body.Find("b")->expr), R"((tpl "${literal}"))");
}

TEST(HclJson, ProviderArraysAndTfvars) {
  File f;
  Error err;
  ASSERT_TRUE(ParseJsonConfig(R"({"provider": {"aws": [{"region": "us-east-1"},
      {"alias": "eu", "region": "eu-west-1"}]}})",
                              "p.tf.json", &f, &err));
  ASSERT_EQ(f.body.blocks.size(), 2u);
  EXPECT_EQ(f.body.blocks[1].labels, Labels{"aws"});
  ASSERT_TRUE(
      ParseJsonConfig(R"({"env": "prod", "tags": {"a": "b"}})", "x.tfvars.json", &f, &err, true));
  EXPECT_EQ(f.body.attributes.size(), 2u);
  EXPECT_EQ(Dump(*f.body.Find("tags")->expr), R"({(tpl "a")=(tpl "b")})");
  ASSERT_TRUE(ParseAny(R"({"env": "prod"})", "terraform.tfvars.json", &f, &err));
  EXPECT_EQ(f.body.attributes.size(), 1u);
}

TEST(HclJson, AttributesReadAsBlocksBySchema) {
  File f;
  Error err;
  ASSERT_TRUE(ParseJsonConfig(R"({"data": {"aws_iam_policy_document": {"d": {
      "statement": [
        {"actions": ["s3:GetObject"], "principals": {"type": "AWS", "identifiers": ["*"]}},
        {"sid": "Two", "actions": ["s3:PutObject"]}
      ],
      "dynamic": {"statement": {"for_each": "${var.s}", "content": {"actions": ["a"]}}}
    }}}})",
                              "d.tf.json", &f, &err))
      << err.ToString();
  const Block& d = f.body.blocks[0];
  ASSERT_EQ(d.body.blocks.size(), 1u);
  EXPECT_EQ(d.body.blocks[0].type, "dynamic");
  EXPECT_EQ(d.body.blocks[0].labels, Labels{"statement"});
  EXPECT_EQ(d.body.blocks[0].body.blocks[0].type, "content");
  std::vector<Block> statements;
  ASSERT_TRUE(JsonBlocks(*d.body.Find("statement"), 0, &statements, &err));
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].type, "statement");
  EXPECT_EQ(Dump(*statements[1].body.Find("sid")->expr), R"((tpl "Two"))");
  std::vector<Block> principals;
  ASSERT_TRUE(JsonBlocks(*statements[0].body.Find("principals"), 0, &principals, &err));
  EXPECT_EQ(Dump(*principals[0].body.Find("type")->expr), R"((tpl "AWS"))");
  std::vector<Block> wrong;
  EXPECT_FALSE(JsonBlocks(*statements[0].body.Find("actions"), 0, &wrong, &err));
  EXPECT_EQ(err.message, "a `actions` block is written as an object");
}

TEST(HclJson, LocatedErrors) {
  File f;
  Error err;
  EXPECT_FALSE(ParseJsonConfig("{\n  \"resource\": [1,]\n}", "a.tf.json", &f, &err));
  EXPECT_EQ(err.pos.line, 2u);
  EXPECT_EQ(err.message.rfind("invalid JSON: ", 0), 0u);
  EXPECT_FALSE(ParseJsonConfig("[]", "a.tf.json", &f, &err));
  EXPECT_EQ(err.ToString(), "a.tf.json:1:1: a Terraform JSON file holds one object, not an array");
  EXPECT_FALSE(ParseJsonConfig("{\"resource\": {\"t\": {\"n\": 3}}}", "a.tf.json", &f, &err));
  EXPECT_EQ(err.ToString(),
            "a.tf.json:1:26: a `resource` block is written as an object, not a number");
  EXPECT_FALSE(ParseJsonConfig("{\"locals\": {\"a\": \"x ${\"}}", "a.tf.json", &f, &err));
  EXPECT_EQ(err.ToString(), "a.tf.json:1:21: unterminated template sequence: this `${` has no `}`");
  EXPECT_FALSE(ParseJsonConfig("{\"locals\": {\"a\": \"\\n${\"}}", "a.tf.json", &f, &err));
  EXPECT_EQ(err.ToString(),
            "a.tf.json:1:18: in this string: unterminated template sequence: this `${` has no `}`");
}

}  // namespace
}  // namespace iamlint::hcl
