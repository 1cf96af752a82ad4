// `.tf` source whose count / for_each is not known without a plan (issue 13): the one instance
// that stands for all of them is checked, and a finding on it says iamlint cannot tell whether
// it exists. Known counts (0 included) keep their findings plain, or have none.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

// A function whose role trusts ECS instead of Lambda (LMB001), as a module of its own.
constexpr const char* kMailerModule = R"(variable "name" {
  type = string
}

resource "aws_iam_role" "mailer" {
  name = "${var.name}-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_lambda_function" "mailer" {
  function_name = var.name
  role          = aws_iam_role.mailer.arn
  runtime       = "python3.12"
  handler       = "mailer.handler"
  s3_bucket     = "billing-artifacts-dev"
  s3_key        = "${var.name}/0.3.0.zip"
}
)";

void Write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

/// The LMB001 findings of `check` on `root` (which may call ./modules/mailer), by resource
/// (the role that does not trust Lambda).
std::map<std::string, std::string> Lmb001(const fs::path& root, const std::string& main_tf) {
  // Only when called: an uncalled folder of .tf files is a root of its own.
  if (main_tf.find("./modules/mailer") != std::string::npos) {
    Write(root / "modules/mailer/main.tf", kMailerModule);
  }
  Write(root / "main.tf", main_tf);
  testing::RunResult r =
      testing::RunInProcess({"check", "--no-config", "--format", "json", root.string()});
  EXPECT_NE(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("LMB001"), std::string::npos) << r.out << r.err;
  std::map<std::string, std::string> out;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "LMB001") out[f["resource"]] = f["message"];
  }
  return out;
}

constexpr const char* kCannotTell = "exists at all: iamlint cannot tell";

TEST(TfUnsure, AModuleCallWithAnUnknownCountMayNotExist) {
  const fs::path dir = testing::ScratchDir("tfunsure");
  auto found = Lmb001(dir, R"(variable "enabled" {
  type = bool
}

module "mailer" {
  source = "./modules/mailer"
  count  = var.enabled ? 1 : 0
  name   = "invoice-mailer"
}
)");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found.begin()->first, "module.mailer.aws_iam_role.mailer");
  EXPECT_NE(found.begin()->second.find(kCannotTell), std::string::npos) << found.begin()->second;
}

TEST(TfUnsure, AResourceWithAnUnknownForEachMayNotExist) {
  const fs::path dir = testing::ScratchDir("tfunsure");
  auto found = Lmb001(dir, R"(variable "functions" {
  type = set(string)
}

resource "aws_iam_role" "fn" {
  for_each = var.functions
  name     = "${each.key}-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_lambda_function" "fn" {
  for_each      = var.functions
  function_name = each.key
  role          = aws_iam_role.fn[each.key].arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "${each.key}.zip"
}
)");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found.begin()->first, "aws_iam_role.fn");
  EXPECT_NE(found.begin()->second.find(kCannotTell), std::string::npos) << found.begin()->second;
}

TEST(TfUnsure, KnownCountsArePlain) {
  const fs::path dir = testing::ScratchDir("tfunsure");
  // count = 1 from a default: the instance exists; count = 0: it does not, nothing to say.
  auto found = Lmb001(dir, R"(variable "enabled" {
  type    = bool
  default = true
}

module "mailer" {
  source = "./modules/mailer"
  count  = var.enabled ? 1 : 0
  name   = "invoice-mailer"
}

module "off" {
  source = "./modules/mailer"
  count  = 0
  name   = "unused-mailer"
}
)");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found.begin()->first, "module.mailer[0].aws_iam_role.mailer");
  EXPECT_EQ(found.begin()->second.find("cannot tell"), std::string::npos) << found.begin()->second;
}

}  // namespace
}  // namespace iamlint
