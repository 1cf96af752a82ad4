// Terraform source as a user meets it (issue 13): a folder of .tf files is checked (never
// "0 files checked"), a named .tf file checks its folder, variables come from tfvars, --var,
// --var-file and TF_VAR_, and hostile source is a located error with exit 2 -- never a crash,
// a hang, a secret printed or a workflow command injected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "load/load.h"
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

// jsonencode'd policies around values known only at apply: Terraform's plan holds them as
// unknown as a whole; from the source each unknown value is taken out of its statement,
// which is marked unknown where it was (never a wildcard, never "none").
TEST(TfSourceScan, PoliciesKnownInPartKeepTheirKnownParts) {
  const fs::path dir = testing::ScratchDir("tf_policy_parts");
  Write(dir / "main.tf", R"(
resource "aws_dynamodb_table" "t" {
  name     = "orders"
  hash_key = "pk"
  attribute {
    name = "pk"
    type = "S"
  }
}
resource "aws_iam_role" "other" { name = "other" }
resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = aws_iam_role.other.arn } }]
  })
  inline_policy {
    name   = "inline"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_dynamodb_table.t.arn}/x" }] })
  }
}
resource "aws_iam_policy" "parts" {
  name = "parts"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Grant", Effect = "Allow", Action = ["dynamodb:GetItem"], Resource = [aws_dynamodb_table.t.arn, "arn:aws:dynamodb:eu-west-1:123456789012:table/known"] },
      { Sid = "Fence", Effect = "Deny", Action = "dynamodb:DeleteTable", Resource = aws_dynamodb_table.t.arn },
      { Sid = "Cond", Effect = "Allow", Action = "sqs:SendMessage", Resource = "*", Condition = { ArnEquals = { "aws:SourceArn" = aws_dynamodb_table.t.arn } } },
    ]
  })
}
resource "aws_iam_policy" "statements" {
  name   = "statements"
  policy = jsonencode({ Version = "2012-10-17", Statement = [for a in [aws_dynamodb_table.t.arn] : { Effect = "Allow", Action = "s3:*", Resource = a }] })
}
resource "aws_iam_policy" "unknown_statement" {
  name   = "unknown_statement"
  policy = jsonencode({ Version = "2012-10-17", Statement = aws_dynamodb_table.t.tags_all })
}
)");
  LoadResult r = LoadPaths({dir.string()}, LoadOptions());
  for (const auto& e : r.errors) ADD_FAILURE() << e.file << ":" << e.line << ": " << e.message;
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  auto policy = [&](const std::string& display) -> const Policy* {
    for (const auto& p : s.policies) {
      if (p.display == display) return &p;
    }
    return nullptr;
  };
  const Policy* parts = policy("aws_iam_policy.parts");
  ASSERT_NE(parts, nullptr);
  ASSERT_TRUE(parts->document.known());
  const PolicyDocument& pd = parts->document.value();
  EXPECT_TRUE(pd.partially_unknown);
  ASSERT_EQ(pd.statements.size(), 3u);
  const Statement& grant = pd.statements[0];
  EXPECT_EQ(grant.sid, "Grant");
  EXPECT_EQ(grant.actions, std::vector<std::string>{"dynamodb:GetItem"});
  EXPECT_EQ(grant.resources,
            std::vector<std::string>{"arn:aws:dynamodb:eu-west-1:123456789012:table/known"});
  EXPECT_TRUE(grant.unknown_core) << "one of its resources is not known";
  EXPECT_TRUE(pd.statements[1].unknown_core);
  EXPECT_TRUE(pd.statements[1].resources.empty());
  EXPECT_TRUE(pd.statements[2].partially_unknown);
  EXPECT_FALSE(pd.statements[2].unknown_core) << "only a condition value is unknown";
  EXPECT_EQ(pd.statements[2].resources, std::vector<std::string>{"*"});
  // A statement list built by `for` over unknown values is still a list of statements.
  const Policy* statements = policy("aws_iam_policy.statements");
  ASSERT_NE(statements, nullptr);
  ASSERT_TRUE(statements->document.known());
  EXPECT_EQ(statements->document.value().statements.size(), 1u);
  // An unknown statement list leaves the whole document unknown.
  const Policy* unknown = policy("aws_iam_policy.unknown_statement");
  ASSERT_NE(unknown, nullptr);
  EXPECT_TRUE(unknown->document.unknown());
  // Nested blocks and trust policies too: the principal is unknown, not "nobody".
  for (const auto& role : s.roles) {
    if (role.display != "aws_iam_role.r") continue;
    ASSERT_TRUE(role.trust.known());
    ASSERT_EQ(role.trust.value().statements.size(), 1u);
    const Statement& t = role.trust.value().statements[0];
    EXPECT_TRUE(t.unknown_core);
    for (const auto& [kind, ids] : t.principal.ids) EXPECT_TRUE(ids.empty()) << kind;
  }
  const Policy* inline_policy = nullptr;
  for (const auto& p : s.policies) {
    if (p.is_inline && p.display.find("inline") != std::string::npos) inline_policy = &p;
  }
  ASSERT_NE(inline_policy, nullptr);
  ASSERT_TRUE(inline_policy->document.known());
  EXPECT_EQ(inline_policy->document.value().statements.at(0).actions,
            std::vector<std::string>{"s3:GetObject"});
  // Nothing of the marker reaches a report.
  auto out = RunInProcess({"check", "--no-config", "--format", "json", dir.string()});
  EXPECT_EQ(out.out.find("iamlint-unknown"), std::string::npos) << out.out;
  EXPECT_EQ(out.out.find("\\u0001"), std::string::npos) << out.out;
  fs::remove_all(dir);
}

// An unknown value where the policy grammar wants an object (a whole Condition, an
// operator's keys, a whole Principal) is neither a shape error nor taken away: a statement
// with an unknown condition is not an unconditional one. Alike from a template.
TEST(TfSourceScan, UnknownObjectsInPoliciesAreNeitherErrorsNorNothing) {
  const fs::path dir = testing::ScratchDir("tf_policy_objects");
  Write(dir / "main.tf", R"(
variable "cond" { type = any }
variable "principal" { type = any }
resource "aws_iam_role" "a" {
  name               = "a"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = var.principal }] })
}
resource "aws_iam_role_policy" "plain" {
  role   = aws_iam_role.a.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "*" }] })
}
resource "aws_iam_role_policy" "whole" {
  role   = aws_iam_role.a.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "*", Condition = var.cond }] })
}
resource "aws_iam_role_policy" "operator" {
  role   = aws_iam_role.a.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "*", Condition = { StringEquals = var.cond } }] })
}
)");
  const fs::path cfn = testing::ScratchDir("tf_policy_objects_cfn");
  Write(cfn / "template.yaml", R"(Parameters:
  Tag:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: ec2.amazonaws.com}
      Policies:
        - PolicyName: operator
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: "*"
                Condition:
                  StringEquals: !Ref Tag
)");
  for (const fs::path& input : {dir, cfn / "template.yaml"}) {
    SCOPED_TRACE(input.string());
    auto r = RunInProcess({"check", "--no-config", input.string()});
    EXPECT_EQ(r.out.find("IAM006"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("policy aws_iam_role_policy.whole allows"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("policy aws_iam_role_policy.operator allows"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Role/operator"), std::string::npos) << r.out;
  }
  auto r = RunInProcess({"check", "--no-config", dir.string()});
  EXPECT_NE(r.out.find("IAM008 policy aws_iam_role_policy.plain allows"), std::string::npos)
      << "the unconditional one still is reported: " << r.out;
  LoadResult loaded = LoadPaths({dir.string()}, LoadOptions());
  ASSERT_EQ(loaded.model.scopes.size(), 1u);
  for (const auto& role : loaded.model.scopes[0].roles) {
    ASSERT_TRUE(role.trust.known()) << role.display;
    EXPECT_TRUE(role.trust.value().statements.at(0).unknown_core) << "whose principal is unknown";
  }
  fs::remove_all(dir);
  fs::remove_all(cfn);
}

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
