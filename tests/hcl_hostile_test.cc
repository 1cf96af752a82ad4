// Hostile HCL input: deep nesting (a located error under the default 8 MB stack, also with
// AddressSanitizer), long operator and traversal chains, unterminated constructs at the end of
// big texts, huge numbers, invalid UTF-8 and a 10 MB file. Never a crash, hang or overflow.
#include <string>

#include <gtest/gtest.h>

#include "hcl/hcl.h"

namespace iamlint::hcl {
namespace {

constexpr size_t kDeep = 100000;

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The error of `text`, "line:column: message", or "ok".
std::string Err(const std::string& text) {
  File f;
  Error err;
  if (ParseConfig(text, "h.tf", &f, &err)) return "ok";
  return std::to_string(err.pos.line) + ":" + std::to_string(err.pos.column) + ": " + err.message;
}

const char kTooDeep[] =
    "nested too deeply: more than 256 levels of brackets, blocks, templates or operators";

TEST(HclHostile, DeepNestingIsALocatedError) {
  struct Case {
    std::string open;
    std::string close;
  };
  const Case cases[] = {{"[", "]"},       {"(", ")"},
                        {"{a = ", "}"},   {"!", ""},
                        {"-", ""},        {"\"${", "}\""},
                        {"f(", ")"},      {"[for x in ", ": x]"},
                        {"x ? ", " : y"}, {"\"%{if x}${", "}%{endif}\""}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.open);
    const std::string text = "a = " + Repeat(c.open, kDeep) + "1" + Repeat(c.close, kDeep) + "\n";
    const std::string e = Err(text);
    EXPECT_NE(e.find(kTooDeep), std::string::npos) << e.substr(0, 200);
    EXPECT_EQ(e.rfind("1:", 0), 0u);
  }
  // Nesting just under the limit is fine.
  EXPECT_EQ(Err("a = " + Repeat("[", 200) + Repeat("]", 200) + "\n"), "ok");
}

TEST(HclHostile, DeepBlocksAndLongChains) {
  EXPECT_NE(Err(Repeat("b {\n", kDeep) + Repeat("}\n", kDeep)).find(kTooDeep), std::string::npos);
  // Operator and traversal chains make deep trees too: they count towards the same limit.
  EXPECT_NE(Err("a = 1" + Repeat(" + 1", kDeep) + "\n").find(kTooDeep), std::string::npos);
  EXPECT_NE(Err("a = x" + Repeat(".y", kDeep) + "\n").find(kTooDeep), std::string::npos);
  EXPECT_NE(Err("a = x" + Repeat("[0]", kDeep) + "\n").find(kTooDeep), std::string::npos);
  EXPECT_NE(Err("a = x[*]" + Repeat(".y", kDeep) + "\n").find(kTooDeep), std::string::npos);
  EXPECT_NE(
      Err("a = \"" + Repeat("%{if x}", kDeep) + Repeat("%{endif}", kDeep) + "\"\n").find(kTooDeep),
      std::string::npos);
  EXPECT_NE(
      Err("a = <<EOF\n" + Repeat("%{for x in y}\n", kDeep) + Repeat("%{endfor}\n", kDeep) + "EOF\n")
          .find(kTooDeep),
      std::string::npos);
  EXPECT_EQ(Err("a = 1" + Repeat(" + 1", 100) + "\n"), "ok");
  // Long flat lists are not deep.
  EXPECT_EQ(Err("a = [" + Repeat("1, ", kDeep) + "]\n"), "ok");
  EXPECT_EQ(Err("a = \"" + Repeat("${x}", kDeep) + "\"\n"), "ok");
}

// Every recursive path of the parser, 100k deep, through each entry point (a file, a lone
// expression, a bare template): a located error, never a stack overflow.
TEST(HclHostile, EveryRecursivePathIsLimited) {
  // A heredoc inside an interpolation inside a heredoc... (built in linear time: wrapping it
  // once per level copied gigabytes).
  const std::string heredocs = Repeat("<<E\n${", kDeep) + "1" + Repeat("\n}\nE", kDeep);
  const std::string paths[] = {
      Repeat("[", kDeep) + Repeat("]", kDeep),
      Repeat("(", kDeep) + "1" + Repeat(")", kDeep),
      Repeat("{a={", kDeep) + Repeat("}}", kDeep),
      Repeat("!", kDeep) + "x",
      Repeat("-", kDeep) + "x",
      Repeat("!-", kDeep) + "x",
      Repeat("\"${", kDeep) + "1" + Repeat("}\"", kDeep),
      Repeat("\"%{if x}${", kDeep) + "1" + Repeat("}%{endif}\"", kDeep),
      Repeat("[for x in ", kDeep) + "y" + Repeat(" : x]", kDeep),
      Repeat("{for k, v in ", kDeep) + "y" + Repeat(" : k => v}", kDeep),
      Repeat("[for x in y : ", kDeep) + "x" + Repeat("]", kDeep),
      Repeat("x ? 1 : ", kDeep) + "1",
      Repeat("f(", kDeep) + Repeat(")", kDeep),
      Repeat("x[", kDeep) + "0" + Repeat("]", kDeep),
      heredocs,
  };
  for (const std::string& expr : paths) {
    SCOPED_TRACE(expr.substr(0, 40));
    // One line, or (the heredocs) a heredoc and an interpolation a line: the error is where
    // the limit is passed.
    const size_t line = expr.find('\n') == std::string::npos ? 1 : 256 / 2 + 1;
    File f;
    Error err;
    EXPECT_FALSE(ParseConfig("a = " + expr + "\n", "h.tf", &f, &err));
    EXPECT_NE(err.message.find(kTooDeep), std::string::npos) << err.message.substr(0, 200);
    EXPECT_EQ(err.pos.line, line);
    ParsedExpr out;
    EXPECT_FALSE(ParseExpression(expr, "x", &out, &err));
    EXPECT_NE(err.message.find(kTooDeep), std::string::npos) << err.message.substr(0, 200);
    EXPECT_EQ(err.pos.line, line);
    EXPECT_FALSE(ParseTemplate("${" + expr + "}", "t.tpl", &out, &err));
    EXPECT_NE(err.message.find(kTooDeep), std::string::npos) << err.message.substr(0, 200);
    EXPECT_GT(err.pos.column, 0u);
  }
  // Bare templates nest directives too.
  ParsedExpr out;
  Error err;
  EXPECT_FALSE(ParseTemplate(Repeat("%{ for x in y ~}\n", kDeep), "t.tpl", &out, &err));
  EXPECT_NE(err.message.find(kTooDeep), std::string::npos) << err.message.substr(0, 200);
  EXPECT_GT(err.pos.line, 200u);
}

TEST(HclHostile, DeepJsonIsALocatedError) {
  File f;
  Error err;
  EXPECT_FALSE(
      ParseJsonConfig("{\"locals\": {\"a\": " + Repeat("[", kDeep) + Repeat("]", kDeep) + "}}",
                      "h.tf.json", &f, &err));
  EXPECT_EQ(err.pos.line, 1u);
  EXPECT_NE(err.message.find("invalid JSON"), std::string::npos);
}

TEST(HclHostile, UnterminatedConstructsAtTheEndOfBigTexts) {
  const std::string body = Repeat("b {}\n", 20000);  // lines 1..20000
  EXPECT_EQ(Err(body + "a = <<EOF\n" + Repeat("text\n", 1000)),
            "20001:5: unterminated heredoc: no line `EOF` ends it");
  EXPECT_EQ(Err(body + "a = \"abc"), "20001:5: unterminated string: this `\"` has no closing `\"`");
  EXPECT_EQ(Err(body + "a = \"${" + Repeat("x + ", 10) + "\n"),
            "20001:6: unterminated template sequence: this `${` has no `}`");
  EXPECT_EQ(Err(body + "a = \"%{ if x "),
            "20001:6: unterminated template directive: this `%{` has no `}`");
  EXPECT_EQ(Err(body + "/*" + Repeat("comment\n", 1000)),
            "20001:1: unterminated comment: this `/*` has no `*/`");
  EXPECT_EQ(Err(body + "b {\n" + Repeat("c {}\n", 1000)),
            "21002:1: expected an attribute, a block or `}`, found end of file");
}

TEST(HclHostile, HugeNumbersStayText) {
  File f;
  Error err;
  const std::string digits = Repeat("9", 100000);
  ASSERT_TRUE(ParseConfig("a = " + digits + "\nb = 1e999999999\nc = -0.0000001e-99999\n", "h.tf",
                          &f, &err));
  EXPECT_EQ(f.body.Find("a")->expr->text, digits);
  EXPECT_EQ(f.body.Find("b")->expr->text, "1e999999999");
  EXPECT_EQ(Dump(*f.body.Find("c")->expr), "(neg 0.0000001e-99999)");
}

TEST(HclHostile, InvalidUtf8AndNulBytes) {
  EXPECT_EQ(Err("a = \"ok\"\n# \xc3\x28 in a comment\n"),
            "2:3: invalid UTF-8: the text must be UTF-8 encoded");
  EXPECT_EQ(Err("a = \"\xed\xa0\x80\"\n"), "1:6: invalid UTF-8: the text must be UTF-8 encoded");
  EXPECT_EQ(Err(std::string("a = 1\n\0\0\0", 9)), "2:1: invalid character byte 0x00");
  File f;
  Error err;
  EXPECT_FALSE(ParseJsonConfig("{\"a\": \"\xff\"}", "h.tf.json", &f, &err));
  EXPECT_EQ(err.pos.line, 1u);
}

// A generated 10 MB module: many resources with policies, heredocs and for expressions. It
// must parse (the parser is linear; this is not a timing test).
std::string BigModule(size_t bytes) {
  std::string out;
  for (size_t i = 0; out.size() < bytes; ++i) {
    const std::string n = std::to_string(i);
    out += "resource \"aws_iam_role\" \"r" + n + "\" {\n  name = \"role-${var.env}-" + n +
           "\"\n  assume_role_policy = jsonencode({\n    Version = \"2012-10-17\"\n"
           "    Statement = [for s in var.services : {\n      Effect = \"Allow\"\n"
           "      Principal = { Service = \"${s}.amazonaws.com\" }\n      Action = "
           "\"sts:AssumeRole\"\n    } if s != \"\"]\n  })\n  tags = merge(var.tags, { Index = " +
           n + " })\n}\n\nresource \"aws_iam_role_policy\" \"p" + n +
           "\" {\n  role = aws_iam_role.r" + n +
           ".id\n  policy = <<-EOF\n    {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
           "\"s3:GetObject\", \"Resource\": \"${var.arn}/*\"}]}\n  EOF\n}\n\n";
  }
  return out;
}

TEST(HclHostile, TenMegabyteFile) {
  const std::string text = BigModule(10u << 20);
  File f;
  Error err;
  ASSERT_TRUE(ParseConfig(text, "big.tf", &f, &err)) << err.ToString();
  EXPECT_GT(f.body.blocks.size(), 20000u);
  EXPECT_EQ(f.body.blocks.back().range.end.offset, text.size() - 2);
  // The same file with an error at its very end is located there.
  const std::string broken = text + "x = [1,\n";
  EXPECT_FALSE(ParseConfig(broken, "big.tf", &f, &err));
  EXPECT_EQ(err.pos.offset, broken.size());
}

}  // namespace
}  // namespace iamlint::hcl
