// Terraform source as a user meets it (issue 13): a folder of .tf files is checked (never
// "0 files checked"), a named .tf file checks its folder, variables come from tfvars, --var,
// --var-file and TF_VAR_, and hostile source is a located error with exit 2 -- never a crash,
// a hang, a secret printed or a workflow command injected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using testing::RunIamlint;
using testing::RunInProcess;

void Write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// The seed's broken app with the compute role behind a variable.
const char* kSwitchable = R"(
variable "create_compute_role" {
  type    = bool
  default = false
}
resource "aws_iam_role" "service" {
  name = "AmplifySSRLoggingRole-my-app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "amplify.amazonaws.com" } }]
  })
}
resource "aws_iam_role" "compute" {
  count = var.create_compute_role ? 1 : 0
  name  = "my-app-compute"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "amplify.amazonaws.com" } }]
  })
}
resource "aws_iam_role_policy" "data" {
  role = var.create_compute_role ? aws_iam_role.compute[0].id : aws_iam_role.service.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["dynamodb:GetItem", "dynamodb:PutItem"], Resource = "arn:aws:dynamodb:ap-northeast-1:123456789012:table/my-app" }]
  })
}
resource "aws_amplify_app" "web" {
  name                 = "my-app"
  platform             = "WEB_COMPUTE"
  iam_service_role_arn = aws_iam_role.service.arn
  compute_role_arn     = var.create_compute_role ? aws_iam_role.compute[0].arn : null
}
)";

TEST(TfSourceScan, AFolderOfTfFilesIsChecked) {
  auto r = RunInProcess({"check", "--no-config", "fixtures/tf/seed-before"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("fixtures/tf/seed-before/main.tf:97:1: error AMP001"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("1 file checked"), std::string::npos) << r.out;
  auto fixed = RunInProcess({"check", "--no-config", "fixtures/tf/seed-after"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
}

TEST(TfSourceScan, ANamedTfFileChecksItsFolderOnce) {
  auto r = RunInProcess({"check", "--no-config", "--format", "json",
                         "fixtures/tf/seed-before/main.tf", "fixtures/tf/seed-before"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  size_t n = 0;
  for (size_t at = r.out.find("\"AMP001\""); at != std::string::npos;
       at = r.out.find("\"AMP001\"", at + 1)) {
    ++n;
  }
  EXPECT_EQ(n, 1u) << r.out;
}

TEST(TfSourceScan, VariablesFromTfvarsVarAndVarFileAndTheEnvironment) {
  const fs::path dir = testing::ScratchDir("tfsource");
  Write(dir / "app" / "main.tf", kSwitchable);
  const std::string app = (dir / "app").string();
  auto broken = RunInProcess({"check", "--no-config", app});
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  EXPECT_NE(broken.out.find("AMP002"), std::string::npos) << broken.out;
  auto by_var = RunInProcess({"check", "--no-config", "--var", "create_compute_role=true", app});
  EXPECT_EQ(by_var.exit_code, 0) << by_var.out << by_var.err;
  // Later wins, in command-line order across --var and --var-file.
  Write(dir / "on.tfvars", "create_compute_role = true\n");
  auto later = RunInProcess({"check", "--no-config", "--var-file", (dir / "on.tfvars").string(),
                             "--var", "create_compute_role=false", app});
  EXPECT_EQ(later.exit_code, 1) << later.out << later.err;
  // TF_VAR_ from the environment (the binary, so the environment is its own).
  auto env = RunIamlint({"check", "--no-config", app}, testing::SourceDir(),
                        "env TF_VAR_create_compute_role=true");
  EXPECT_EQ(env.exit_code, 0) << env.out << env.err;
  Write(dir / "app" / "terraform.tfvars", "create_compute_role = true\n");
  auto tfvars = RunInProcess({"check", "--no-config", app});
  EXPECT_EQ(tfvars.exit_code, 0) << tfvars.out << tfvars.err;
  fs::remove_all(dir);
}

TEST(TfSourceScan, AModuleIsCheckedThroughItsCallerOnly) {
  auto r =
      RunInProcess({"check", "--no-config", "--format", "json", "fixtures/tf/module-for-each"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("module.web[\\\"dev\\\"].aws_amplify_app.this"), std::string::npos) << r.out;
  // The module folder is not a root of its own: no finding without the module prefix.
  EXPECT_EQ(r.out.find("\"resource\": \"aws_amplify_app.this\""), std::string::npos) << r.out;
}

TEST(TfSourceScan, HostileSourceIsALocatedErrorNotACrashOrAHang) {
  const fs::path dir = testing::ScratchDir("tfhostile");
  struct Case {
    const char* name;
    std::string text;
    const char* expect;  // in the error output
  };
  std::string deep = "locals {\n  x = ";
  for (int i = 0; i < 100000; ++i) deep += "(";
  deep += "1";
  for (int i = 0; i < 100000; ++i) deep += ")";
  deep += "\n}\n";
  const Case cases[] = {
      {"heredoc", "locals {\n  x = <<EOT\nnever closed\n", "main.tf:2:"},
      {"template", "locals {\n  x = \"${local.y\n}\n", "main.tf:2:"},
      {"deep", deep, "main.tf:2:"},
      {"cycle",
       "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_iam_role\" \"r\" {\n  name = "
       "local.a\n}\n",
       "cycle"},
      {"million",
       "resource \"aws_iam_role\" \"r\" {\n  for_each = toset([for i in range(1000000) : "
       "tostring(i)])\n  name = each.key\n}\n",
       "main.tf:2:"},
      {"huge-count", "resource \"aws_iam_role\" \"r\" {\n  count = 1e400\n  name = \"x\"\n}\n",
       "main.tf:2:"},
      {"utf8", std::string("locals {\n  x = \"\xff\xfe\"\n}\n"), "main.tf:2:"},
      {"self-module",
       "module \"m\" {\n  source = \"./\"\n}\nresource \"aws_iam_role\" \"r\" {\n  name = "
       "\"x\"\n}\n",
       "nest deeper"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const fs::path d = dir / c.name;
    Write(d / "main.tf", c.text);
    auto r = RunIamlint({"check", "--no-config", d.string()});
    EXPECT_EQ(r.signal, 0) << r.err;
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE((r.out + r.err).find(c.expect), std::string::npos) << r.out << r.err;
  }
  fs::remove_all(dir);
}

TEST(TfSourceScan, SecretsAndLabelsFromSourceAreNeverPrintedOrLive) {
  const fs::path dir = testing::ScratchDir("tfsecret");
  Write(dir / "main.tf", R"(
variable "secret_key" {
  type      = string
  sensitive = true
  default   = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}
resource "aws_amplify_app" "web" {
  name     = "web"
  platform = "WEB_COMPUTE"
  environment_variables = {
    AWS_SECRET_ACCESS_KEY = var.secret_key
  }
}
resource "aws_iam_role" "x\n::error::injected" {
  name = "evil"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }] })
}
)");
  for (const char* format : {"text", "json", "sarif", "github", "markdown", "junit", "gitlab"}) {
    SCOPED_TRACE(format);
    auto r = RunInProcess({"check", "--no-config", "--format", format, dir.string()});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ((r.out + r.err).find("EXAMPLEKEY"), std::string::npos) << r.out;
    if (std::string(format) == "github") {
      std::istringstream lines(r.out);
      for (std::string line; std::getline(lines, line);) {
        EXPECT_NE(line.rfind("::error::injected", 0), 0u) << r.out;
      }
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace iamlint
