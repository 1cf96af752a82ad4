// Real-world HCL: the module fixtures under fixtures/hcl (written in the style of public IAM,
// ECS and Lambda modules and cloudposse components) and every `.tf` file under fixtures/ parse
// with no error; and the parser agrees with Terraform's own (`terraform fmt`, when installed) on
// what is valid.
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "hcl/hcl.h"
#include "test_util.h"

namespace iamlint::hcl {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> FilesUnder(const std::string& rel,
                                    const std::vector<std::string>& endings) {
  std::vector<std::string> out;
  for (const auto& f : fs::recursive_directory_iterator(testing::SourcePath(rel))) {
    if (!f.is_regular_file()) continue;
    const std::string p = f.path().string();
    for (const std::string& e : endings) {
      if (EndsWith(p, e)) out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Blocks of the file, counted by type.
std::map<std::string, size_t> BlockTypes(const File& f) {
  std::map<std::string, size_t> n;
  for (const Block& b : f.body.blocks) ++n[b.type];
  return n;
}

TEST(HclCorpus, ModuleFixturesParse) {
  const auto files = FilesUnder("fixtures/hcl", {".tf", ".tfvars", ".tf.json"});
  ASSERT_GE(files.size(), 12u);
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    File f;
    Error err;
    EXPECT_TRUE(ParseAny(testing::ReadText(path), path, &f, &err)) << err.ToString();
    EXPECT_FALSE(f.body.blocks.empty() && f.body.attributes.empty());
  }
}

TEST(HclCorpus, TemplateFilesParse) {
  for (const std::string& path : FilesUnder("fixtures/hcl", {".tftpl"})) {
    SCOPED_TRACE(path);
    ParsedExpr t;
    Error err;
    EXPECT_TRUE(ParseTemplate(testing::ReadText(path), path, &t, &err)) << err.ToString();
  }
}

TEST(HclCorpus, EveryTfFixtureParses) {
  const auto files = FilesUnder("fixtures", {".tf"});
  ASSERT_GE(files.size(), 29u);
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    File f;
    Error err;
    EXPECT_TRUE(ParseConfig(testing::ReadText(path), path, &f, &err)) << err.ToString();
  }
}

TEST(HclCorpus, WhatTheFixturesHold) {
  File f;
  Error err;
  const std::string lambda = testing::SourcePath("fixtures/hcl/lambda/main.tf");
  ASSERT_TRUE(ParseConfig(testing::ReadText(lambda), lambda, &f, &err));
  EXPECT_EQ(BlockTypes(f),
            (std::map<std::string, size_t>{{"data", 5}, {"locals", 1}, {"resource", 6}}));
  // The heredoc policy keeps its JSON text with the two interpolations.
  const Block* logs = nullptr;
  for (const Block& b : f.body.blocks) {
    if (b.labels.size() == 2 && b.labels[1] == "logs") logs = &b;
  }
  ASSERT_NE(logs, nullptr);
  const Expr& policy = *logs->body.Find("policy")->expr;
  ASSERT_EQ(policy.kind, ExprKind::kTemplate);
  EXPECT_EQ(policy.parts.size(), 5u);
  EXPECT_EQ(policy.parts[0]->text.rfind("{\n  \"Version\": \"2012-10-17\",", 0), 0u);
  EXPECT_EQ(policy.range.begin.line, 56u);  // `<<EOF`
  EXPECT_EQ(policy.range.end.line, 73u);    // the closing `EOF`

  const std::string ecs = testing::SourcePath("fixtures/hcl/ecs-service/main.tf");
  ASSERT_TRUE(ParseConfig(testing::ReadText(ecs), ecs, &f, &err));
  const Expr& grouped = *f.body.blocks[0].body.Find("secret_arns_by_container")->expr;
  EXPECT_EQ(grouped.kind, ExprKind::kFor);
  EXPECT_TRUE(grouped.grouping);
  EXPECT_TRUE(grouped.object_for);

  const std::string json = testing::SourcePath("fixtures/hcl/json/main.tf.json");
  ASSERT_TRUE(ParseAny(testing::ReadText(json), json, &f, &err));
  EXPECT_TRUE(f.json);
  EXPECT_EQ(BlockTypes(f), (std::map<std::string, size_t>{{"data", 1},
                                                          {"locals", 1},
                                                          {"output", 1},
                                                          {"resource", 2},
                                                          {"terraform", 1},
                                                          {"variable", 1}}));
}

// Snippets Terraform accepts (the first list) and rejects (the second). The parser must agree
// on every one; `terraform fmt -` confirms the lists where Terraform is installed.
const std::vector<std::string> kValid = {
    "a = 1\n",
    "a = <<EOF\nx\n  EOF\n",
    "a = <<-EOF\n  x\n  EOF\n",
    "a = (b\n&& c)\n",
    "a = [\nfor x in y :\nx\n]\n",
    "a = {\nb = 1,\nc = 2\n}\n",
    "a = { b = 1, c = 2 }\n",
    "a = f(x...)\n",
    "a = x.0\n",
    "a = x[*].y\n",
    "a = x.*.y\n",
    "a = \"${x ~}  \"\n",
    "a = \"%{ for x in y ~} ${x} %{~ endfor }\"\n",
    "b {}\n",
    "b \"x\" y { c = 1 }\n",
    "a = provider::aws::arn_parse(x)\n",
    "a = {for k, v in m : k => v...}\n",
    "a = a-b\n",
    "a = !x\n",
    "a = -1\n",
    "a = 1 // c\n# d\n/* e */\n",
    "a = \"\\u00e9\"\n",
    "a = { (k) = 1 }\n",
    "a = {\"k\" : 1}\n",
};
const std::vector<std::string> kInvalid = {
    "a = \n",
    "a = 1 b = 2\n",
    "a = \"x\ny\"\n",
    "a = <<EOF\nx\n",
    "a = \"${x\"\n",
    "a = x.0.1\n",
    "a = [1 2]\n",
    "a = { b = 1 c = 2 }\n",
    "a = f(x..., y)\n",
    "a = 1\na = 2\n",
    "b \"${x}\" {}\n",
    "a = \"\\q\"\n",
    "a = \"%{if x}\"\n",
    "a = 1 &\n",
    "a = (1\n",
    "a = 1\n}\n",
    "a = \"\\uD800\"\n",
};

bool ParsesHere(const std::string& text) {
  File f;
  Error err;
  return ParseConfig(text, "s.tf", &f, &err);
}

TEST(HclCorpus, AgreesWithTerraformOnSnippets) {
  for (const std::string& s : kValid) EXPECT_TRUE(ParsesHere(s)) << s;
  for (const std::string& s : kInvalid) EXPECT_FALSE(ParsesHere(s)) << s;
  if (system("terraform version >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "terraform is not installed: the snippet lists were not re-checked";
  }
  const fs::path dir = testing::ScratchDir("hcl_snippets");
  auto terraform_accepts = [&](const std::string& s) {
    std::ofstream(dir / "s.tf", std::ios::binary) << s;
    const std::string cmd =
        "terraform fmt - <" + testing::ShellQuote((dir / "s.tf").string()) + " >/dev/null 2>&1";
    return system(cmd.c_str()) == 0;
  };
  for (const std::string& s : kValid) EXPECT_TRUE(terraform_accepts(s)) << s;
  for (const std::string& s : kInvalid) EXPECT_FALSE(terraform_accepts(s)) << s;
}

}  // namespace
}  // namespace iamlint::hcl
