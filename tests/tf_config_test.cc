// The Terraform root evaluation (tf/config.h, tf/module.h): files of a folder, overrides,
// variables in Terraform's precedence, locals, count / for_each addresses, dynamic blocks,
// module calls and their outputs, and the errors Terraform would give (cycles, undeclared
// names), on folders written to a temporary directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "tf/config.h"
#include "tf/module.h"

namespace iamlint::tf {
namespace {

namespace fs = std::filesystem;

class TfConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("iamlint_tfconfig_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& rel, const std::string& text) {
    fs::path p = dir_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }

  Evaluated Eval(const std::string& rel = "", std::vector<VarArg> args = {},
                 std::map<std::string, std::string> env = {}) {
    RootOptions o;
    o.dir = (dir_ / rel).string();
    o.var_args = std::move(args);
    o.env_vars = std::move(env);
    Evaluated out;
    EvaluateRoot(o, &out);
    return out;
  }

  static const Instance* Find(const Evaluated& e, const std::string& address) {
    for (const auto& in : e.instances) {
      if (in.address == address) return &in;
    }
    return nullptr;
  }

  static std::string Attr(const Evaluated& e, const std::string& address, const std::string& attr) {
    const Instance* in = Find(e, address);
    if (in == nullptr) return "(no instance " + address + ")";
    const Value* v = in->values.Find(attr);
    return v == nullptr ? "(absent)" : v->Debug();
  }

  static std::string Errors(const Evaluated& e) {
    std::string s;
    for (const auto& d : e.diags.items) {
      if (d.kind == Diagnostic::Kind::kError) {
        s += d.file + ":" + std::to_string(d.pos.line) + ": " + d.message + "\n";
      }
    }
    return s;
  }

  fs::path dir_;
};

TEST_F(TfConfig, AttributesLocalsAndUnknownComputedValuesKeepTheirOrigin) {
  Write("main.tf", R"(
locals {
  prefix = "${local.app}-dev"
  app    = "my-app"
}
resource "aws_iam_role" "app" {
  name               = "${local.prefix}-compute"
  assume_role_policy = jsonencode({ Version = "2012-10-17" })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.p.arn
}
resource "aws_iam_policy" "p" {
  name_prefix = "data-"
  policy      = "{}"
}
)");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "aws_iam_role.app", "name"), "\"my-app-dev-compute\"");
  EXPECT_EQ(Attr(e, "aws_iam_role_policy_attachment.a", "role"), "\"my-app-dev-compute\"");
  const Instance* a = Find(e, "aws_iam_role_policy_attachment.a");
  ASSERT_NE(a, nullptr);
  const Value* arn = a->values.Find("policy_arn");
  ASSERT_NE(arn, nullptr);
  ASSERT_TRUE(arn->IsUnknown());
  ASSERT_EQ(arn->origins().size(), 1u);
  EXPECT_EQ(arn->origins()[0].address, "aws_iam_policy.p");
  EXPECT_EQ(arn->origins()[0].attr, "arn");
  // Where things are written: the attribute's line and column.
  auto place = a->places.find("policy_arn");
  ASSERT_NE(place, a->places.end());
  EXPECT_EQ(place->second.begin.line, 12u);
  EXPECT_EQ(place->second.begin.column, 3u);
}

TEST_F(TfConfig, CountAndForEachGiveThePlansAddresses) {
  Write("main.tf", R"(
variable "roles" {
  default = { compute = "amplify.amazonaws.com", lambda = "lambda.amazonaws.com" }
}
resource "aws_iam_role" "this" {
  for_each           = var.roles
  name               = "my-app-${each.key}"
  assume_role_policy = each.value
}
resource "aws_iam_role" "counted" {
  count = 2
  name  = "r${count.index}"
}
resource "aws_iam_role" "none" {
  count = 0
  name  = "never"
}
)");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "aws_iam_role.this[\"compute\"]", "name"), "\"my-app-compute\"");
  EXPECT_EQ(Attr(e, "aws_iam_role.this[\"lambda\"]", "assume_role_policy"),
            "\"lambda.amazonaws.com\"");
  EXPECT_EQ(Attr(e, "aws_iam_role.counted[1]", "name"), "\"r1\"");
  EXPECT_EQ(Find(e, "aws_iam_role.none[0]"), nullptr);
  EXPECT_EQ(Find(e, "aws_iam_role.none"), nullptr);
}

TEST_F(TfConfig, CountTakesNumbersWrittenAsStringsAsTerraformDoes) {
  // Terraform converts a string to the number `count` needs (Terraform 0.11-era code writes
  // `count = "${local.n}"`); what reads as no whole number stays an error.
  Write("main.tf", R"(
locals {
  n = "2"
}
resource "aws_iam_role" "quoted" {
  count = "${local.n}"
  name  = "q${count.index}"
}
resource "aws_iam_role" "chosen" {
  count = local.n == "2" ? "1" : "0"
  name  = "c"
}
resource "aws_iam_role" "decimal" {
  count = "1.0"
  name  = "d"
}
)");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "aws_iam_role.quoted[1]", "name"), "\"q1\"");
  EXPECT_NE(Find(e, "aws_iam_role.chosen[0]"), nullptr);
  EXPECT_NE(Find(e, "aws_iam_role.decimal[0]"), nullptr);
  for (const char* bad : {"\"two\"", "1.5", "-1", "true", "null"}) {
    SCOPED_TRACE(bad);
    Write("main.tf", std::string("resource \"aws_iam_role\" \"r\" {\n  count = ") + bad +
                         "\n  name  = \"r\"\n}\n");
    EXPECT_NE(Errors(Eval()).find("count must be a whole number"), std::string::npos);
  }
}

TEST_F(TfConfig, AVariableWithoutAValueIsUnknownAndCountOverItStandsForAll) {
  Write("main.tf", R"(
variable "create" { type = bool }
resource "aws_iam_role" "maybe" {
  count = var.create ? 1 : 0
  name  = "maybe"
}
)");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  const Instance* in = Find(e, "aws_iam_role.maybe");
  ASSERT_NE(in, nullptr);
  EXPECT_TRUE(in->key_unknown);
}

TEST_F(TfConfig, VariablesFollowTerraformsPrecedence) {
  Write("main.tf", R"(
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "n" { type = number }
variable "l" { type = list(string) }
resource "aws_iam_role" "r" {
  name = join(",", [var.a, var.b, var.c, var.d, var.e, tostring(var.n + 1), var.l[1]])
}
)");
  Write("terraform.tfvars", "a = \"tfvars\"\nb = \"tfvars\"\nc = \"tfvars\"\n");
  Write("b.auto.tfvars", "b = \"auto-b\"\nc = \"auto-b\"\n");
  Write("a.auto.tfvars.json", R"({"c": "auto-a-json", "d": "auto-a-json"})");
  Write("extra.tfvars", "d = \"var-file\"\n");
  Evaluated e = Eval("",
                     {{true, (dir_ / "extra.tfvars").string()},
                      {false, "e=cli"},
                      {false, "n=41"},
                      {false, "l=[\"x\", \"y\"]"}},
                     {{"a", "env"}, {"e", "env"}});
  EXPECT_EQ(Errors(e), "");
  // a: tfvars beats the environment; b: *.auto.tfvars beat terraform.tfvars; c: auto files in
  // lexical order (b.auto after a.auto); d: -var-file last; e: -var beats the environment.
  EXPECT_EQ(Attr(e, "aws_iam_role.r", "name"), "\"tfvars,auto-b,auto-b,var-file,cli,42,y\"");
}

TEST_F(TfConfig, OverrideFilesMergeAsTerraformMergesThem) {
  Write("main.tf", R"(
resource "aws_iam_role" "r" {
  name = "original"
  path = "/"
  inline_policy {
    name = "a"
  }
  inline_policy {
    name = "b"
  }
}
locals { x = "original" }
)");
  Write("override.tf", R"(
resource "aws_iam_role" "r" {
  name = "overridden-${local.x}"
  inline_policy {
    name = "c"
  }
}
)");
  Write("z_override.tf", "locals { x = \"from-z\" }\n");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "aws_iam_role.r", "name"), "\"overridden-from-z\"");
  EXPECT_EQ(Attr(e, "aws_iam_role.r", "path"), "\"/\"");
  EXPECT_EQ(Attr(e, "aws_iam_role.r", "inline_policy"), "[{\"name\":\"c\"}]");
}

TEST_F(TfConfig, DynamicBlocksExpand) {
  Write("main.tf", R"(
locals {
  statements = [
    { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::b/*"] },
    { actions = ["sqs:SendMessage"], resources = ["*"] },
  ]
}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = local.statements
    iterator = s
    content {
      sid       = "S${s.key}"
      actions   = s.value.actions
      resources = s.value.resources
    }
  }
}
)");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  const Instance* in = Find(e, "data.aws_iam_policy_document.p");
  ASSERT_NE(in, nullptr);
  const Value* st = in->values.Find("statement");
  ASSERT_NE(st, nullptr);
  ASSERT_EQ(st->items().size(), 3u);
  EXPECT_EQ(st->items()[2].Find("sid")->str(), "S1");
  EXPECT_EQ(in->places.count("statement/2"), 1u);
}

TEST_F(TfConfig, ModuleCallsPassInputsAndOutputs) {
  Write("root/main.tf", R"(
module "iam" {
  source   = "../modules/iam"
  for_each = toset(["dev", "prod"])
  env      = each.key
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = module.iam["dev"].role_name
  policy_arn = module.iam["prod"].role_arn
}
)");
  Write("modules/iam/main.tf", R"(
variable "env" { type = string }
resource "aws_iam_role" "this" {
  name = "my-app-${var.env}"
}
output "role_name" { value = aws_iam_role.this.name }
output "role_arn" { value = aws_iam_role.this.arn }
)");
  Evaluated e = Eval("root");
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "module.iam[\"prod\"].aws_iam_role.this", "name"), "\"my-app-prod\"");
  EXPECT_EQ(Attr(e, "aws_iam_role_policy_attachment.a", "role"), "\"my-app-dev\"");
  const Instance* a = Find(e, "aws_iam_role_policy_attachment.a");
  ASSERT_NE(a, nullptr);
  const Value* arn = a->values.Find("policy_arn");
  ASSERT_TRUE(arn != nullptr && arn->IsUnknown());
  ASSERT_EQ(arn->origins().size(), 1u);
  EXPECT_EQ(arn->origins()[0].address, "module.iam[\"prod\"].aws_iam_role.this");
  // The module's own files are recorded as read.
  bool module_file = false;
  for (const auto& f : e.files)
    module_file = module_file || f.find("modules/iam/main.tf") != std::string::npos;
  EXPECT_TRUE(module_file);
}

TEST_F(TfConfig, ARegistryModuleNotInstalledHasUnknownOutputsAndANote) {
  Write("main.tf", R"(
module "role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = module.role.iam_role_name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
)");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "aws_iam_role_policy_attachment.a", "role").substr(0, 8), "(unknown");
  bool noted = false;
  for (const auto& d : e.diags.items) {
    noted = noted || (d.kind == Diagnostic::Kind::kNote &&
                      d.message.find("not installed") != std::string::npos);
  }
  EXPECT_TRUE(noted);
}

TEST_F(TfConfig, InstalledModulesAreReadThroughModulesJson) {
  Write("main.tf", R"(
module "role" {
  source = "terraform-aws-modules/iam/aws"
}
)");
  Write(
      ".terraform/modules/modules.json",
      R"({"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"role","Source":"registry.terraform.io/terraform-aws-modules/iam/aws","Version":"5.0.0","Dir":".terraform/modules/role"}]})");
  Write(".terraform/modules/role/main.tf",
        "resource \"aws_iam_role\" \"this\" { name = \"installed\" }\n");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "module.role.aws_iam_role.this", "name"), "\"installed\"");
}

TEST_F(TfConfig, CyclesAreLocatedErrorsNotHangs) {
  Write("main.tf", R"(
locals {
  a = local.b
  b = local.a
}
resource "aws_iam_role" "r" { name = local.a }
)");
  Evaluated e = Eval();
  EXPECT_NE(Errors(e).find("cycle"), std::string::npos) << Errors(e);
  EXPECT_NE(Errors(e).find("main.tf:"), std::string::npos) << Errors(e);
}

TEST_F(TfConfig, AModuleCallingItselfStopsAtTheDepthLimit) {
  Write("main.tf", R"(
module "again" { source = "./" }
resource "aws_iam_role" "r" { name = "x" }
)");
  Evaluated e = Eval();
  EXPECT_NE(Errors(e).find("nest deeper"), std::string::npos) << Errors(e);
}

TEST_F(TfConfig, AHugeForEachIsRefused) {
  Write("main.tf", R"(
resource "aws_iam_role" "r" {
  for_each = toset([for i in range(20000) : tostring(i)])
  name     = each.key
}
)");
  Evaluated e = Eval();
  EXPECT_NE(Errors(e), "");
  EXPECT_LE(e.instances.size(), 1u);
}

TEST_F(TfConfig, UndeclaredNamesAreErrorsWithTheirPlace) {
  Write("main.tf", "resource \"aws_iam_role\" \"r\" {\n  name = var.nope\n}\n");
  Evaluated e = Eval();
  EXPECT_NE(Errors(e).find("main.tf:2: var.nope is not declared"), std::string::npos) << Errors(e);
}

TEST_F(TfConfig, OpenTofuFilesShadowTheirTfTwins) {
  Write("main.tf", "resource \"aws_iam_role\" \"r\" { name = \"terraform\" }\n");
  Write("main.tofu", "resource \"aws_iam_role\" \"r\" { name = \"tofu\" }\n");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "aws_iam_role.r", "name"), "\"tofu\"");
}

TEST_F(TfConfig, OptionalObjectAttributesGetTheirDefaults) {
  Write("main.tf", R"(
variable "app" {
  type = object({
    name = string
    path = optional(string, "/service-role/")
    tags = optional(map(string))
  })
  default = { name = "web" }
}
resource "aws_iam_role" "r" {
  name = var.app.name
  path = var.app.path
  tags = var.app.tags
}
)");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  EXPECT_EQ(Attr(e, "aws_iam_role.r", "path"), "\"/service-role/\"");
  EXPECT_EQ(Attr(e, "aws_iam_role.r", "tags"), "null");
}

TEST_F(TfConfig, AResourceArgumentSetToNullReadsBackAsUnknownLikeAnOmittedOne) {
  // Terraform treats `arg = null` as if the argument were not written, and the provider may
  // compute it: data "aws_region" with `region = null` still has a region. So a reference to
  // it is unknown (as for an argument never written), and a template over it is no error.
  Write("main.tf", R"(
variable "region" {
  type    = string
  default = null
}
data "aws_region" "current" {
  region = var.region
}
resource "aws_iam_role" "r" {
  name_prefix        = "app-"
  name               = null
  assume_role_policy = "{}"
  description        = "in ${data.aws_region.current.region}"
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
)");
  Evaluated e = Eval();
  EXPECT_EQ(Errors(e), "");
  // The instance itself keeps what is written: null.
  EXPECT_EQ(Attr(e, "aws_iam_role.r", "name"), "null");
  const Instance* a = Find(e, "aws_iam_role_policy_attachment.a");
  ASSERT_NE(a, nullptr);
  const Value* role = a->values.Find("role");
  ASSERT_NE(role, nullptr);
  ASSERT_TRUE(role->IsUnknown());
  ASSERT_EQ(role->origins().size(), 1u);
  EXPECT_EQ(role->origins()[0].address, "aws_iam_role.r");
  EXPECT_EQ(role->origins()[0].attr, "name");
  const Instance* r = Find(e, "aws_iam_role.r");
  ASSERT_NE(r, nullptr);
  const Value* description = r->values.Find("description");
  ASSERT_NE(description, nullptr);
  EXPECT_TRUE(description->IsUnknown());
}

}  // namespace
}  // namespace iamlint::tf
