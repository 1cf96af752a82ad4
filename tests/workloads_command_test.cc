// `iamlint workloads`: every workload of the inputs, Amplify's among the others, with the role
// its code runs as -- read from real plans, `.tf` folders, CDK templates and AWS CLI dumps.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "load/load.h"
#include "test_util.h"

namespace iamlint {
namespace {

using testing::RunInProcess;
using testing::ScratchDir;

void Write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

/// The one output line naming `workload` (with its kind), or "" when none or several do.
std::string LineOf(const std::string& out, const std::string& workload) {
  std::string found;
  size_t start = 0;
  int n = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    const std::string line = out.substr(start, end - start);
    if (line.find(" " + workload + ": ") != std::string::npos) {
      found = line;
      ++n;
    }
    start = end + 1;
  }
  return n == 1 ? found : "";
}

TEST(WorkloadsCommand, TheSeedsAppAndBranchRunWithNoRole) {
  for (const char* input : {"fixtures/plans/seed-before.plan.json", "fixtures/tf/seed-before",
                            "fixtures/cfn/cdk-before", "fixtures/cli/seed-before"}) {
    SCOPED_TRACE(input);
    auto r = RunInProcess({"workloads", input});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("Amplify app "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Amplify branch "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(": server code runs with no role: it has no compute role; service role: "),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("server code runs as"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("iamlint: 2 workload(s)\n"), std::string::npos) << r.out;
  }
  auto after = RunInProcess({"workloads", "fixtures/tf/seed-after"});
  EXPECT_NE(LineOf(after.out, "aws_amplify_branch.main")
                .find("server code runs as its compute role aws_iam_role.amplify_compute_role "
                      "(trusts amplify.amazonaws.com); service role: aws_iam_role.amplify_service"),
            std::string::npos)
      << after.out;
}

struct Case {
  const char* input;
  const char* workload;
  const char* says;  // part of its line
};

TEST(WorkloadsCommand, EveryPlatformFromEveryFormat) {
  const Case cases[] = {
      {"fixtures/plans/ecs-permissions-on-execution-role.plan.json",
       "ECS task definition aws_ecs_task_definition.worker",
       "code runs with no role: it has no task role; task execution role: "
       "aws_iam_role.execution (trusts ecs-tasks.amazonaws.com)"},
      {"fixtures/plans/ecs-no-execution-role.plan.json",
       "ECS task definition aws_ecs_task_definition.report",
       "(on the EC2 launch type its containers get the container instance's role); task "
       "execution role: none"},
      {"fixtures/plans/lambda-wrong-trust.plan.json", "Lambda function aws_lambda_function.mailer",
       "code runs as its execution role aws_iam_role.mailer (DOES NOT TRUST lambda.amazonaws.com: "
       "it trusts ecs-tasks.amazonaws.com)"},
      {"fixtures/plans/ec2-ok.plan.json", "EC2 launch template aws_launch_template.app",
       "code runs as its instance profile role aws_iam_role.app (trusts ec2.amazonaws.com); "
       "instance profile: aws_iam_instance_profile.app"},
      {"fixtures/plans/ec2-role-as-profile.plan.json", "EC2 instance aws_instance.runner",
       "code runs with no role: its instance profile setting names a role, not an instance "
       "profile"},
      {"fixtures/plans/codebuild-ok.plan.json", "CodeBuild project aws_codebuild_project.web",
       "code runs as its service role aws_iam_role.codebuild (trusts codebuild.amazonaws.com)"},
      {"fixtures/plans/delete-compute-role.plan.json", "Amplify branch aws_amplify_branch.main",
       "server code runs as its compute role "
       "arn:aws:iam::123456789012:role/my-app-dev-amplify-compute-role (destroyed by this plan)"},
      {"fixtures/plans/static-site.plan.json", "Amplify app aws_amplify_app.docs",
       "no server code: platform WEB"},
      {"fixtures/cfn/workloads", "ECS task definition EcsTaskOkStack/ApiTask",
       "code runs as its task role EcsTaskOkStack/ApiTask/TaskRole (trusts "
       "ecs-tasks.amazonaws.com); task execution role: EcsTaskOkStack/ApiTask/ExecutionRole"},
      {"fixtures/cfn/workloads/sam-functions.yaml", "Lambda function NotifyCustomer",
       "DOES NOT TRUST lambda.amazonaws.com"},
      {"fixtures/cli/ec2-ok", "EC2 instance i-0f9e8d7c6b5a43210",
       "code runs as its instance profile role arn:aws:iam::123456789012:role/shop-app-ec2 "
       "(trusts ec2.amazonaws.com); instance profile: "
       "arn:aws:iam::123456789012:instance-profile/shop-app-ec2"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    auto r = RunInProcess({"workloads", c.input});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string line =
        LineOf(r.out, std::string(c.workload).substr(std::string(c.workload).rfind(' ') + 1));
    EXPECT_NE(line.find(std::string(c.workload) + ": "), std::string::npos) << r.out;
    EXPECT_NE(line.find(c.says), std::string::npos) << r.out;
  }
}

TEST(WorkloadsCommand, JsonNamesTheRoleAndWhetherItTrustsThePlatform) {
  auto r =
      RunInProcess({"workloads", "--format", "json", "fixtures/plans/lambda-wrong-trust.plan.json",
                    "fixtures/plans/seed-before.plan.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  ASSERT_EQ(doc["workloads"].size(), 3U) << r.out;
  EXPECT_TRUE(doc["errors"].empty());
  const auto& lambda = doc["workloads"][0];
  EXPECT_EQ(lambda["workload"], "aws_lambda_function.mailer");
  EXPECT_EQ(lambda["platform"], "lambda");
  EXPECT_EQ(lambda["runs_as"]["role"], "aws_iam_role.mailer");
  EXPECT_EQ(lambda["runs_as"]["trusts_principal"], false);
  EXPECT_TRUE(lambda["platform_role"].is_null());
  const auto& app = doc["workloads"][1];
  EXPECT_EQ(app["workload"], "aws_amplify_app.web");
  EXPECT_EQ(app["platform"], "amplify");
  EXPECT_EQ(app["runs_as"]["state"], "none");
  EXPECT_TRUE(app["runs_as"]["role"].is_null());
  EXPECT_TRUE(app["runs_as"]["trusts_principal"].is_null());
  EXPECT_EQ(app["platform_role"]["role"], "aws_iam_role.amplify_service");
  EXPECT_EQ(app["platform_role"]["trusts_principal"], true);
  EXPECT_EQ(doc["workloads"][2]["kind"], "Amplify branch");
}

// A template whose app runs its branches as different compute roles, one of them a parameter.
const char* kMixedTemplate = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  PreviewRoleArn:
    Type: String
Resources:
  ComputeRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: amplify.amazonaws.com}
            Action: sts:AssumeRole
  App:
    Type: AWS::Amplify::App
    Properties:
      Name: shop
      Platform: WEB_COMPUTE
  Main:
    Type: AWS::Amplify::Branch
    Properties:
      AppId: !GetAtt App.AppId
      BranchName: main
      ComputeRoleArn: !GetAtt ComputeRole.Arn
  Preview:
    Type: AWS::Amplify::Branch
    Properties:
      AppId: !GetAtt App.AppId
      BranchName: preview
      ComputeRoleArn: !Ref PreviewRoleArn
)";

TEST(WorkloadsCommand, BranchesOnDifferentRolesAndRolesKnownOnlyAtApply) {
  const auto dir = ScratchDir("workloads");
  Write(dir / "template.yaml", kMixedTemplate);
  auto r = RunInProcess({"workloads", (dir / "template.yaml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(LineOf(r.out, "App")
                .find("its branches' server code runs as different compute "
                      "roles (see each branch)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(LineOf(r.out, "Main")
                .find("server code runs as its compute role ComputeRole "
                      "(trusts amplify.amazonaws.com)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(LineOf(r.out, "Preview")
                .find("server code runs as its compute role a role known "
                      "only at apply"),
            std::string::npos)
      << r.out;
  auto j = RunInProcess({"workloads", "--format", "json", (dir / "template.yaml").string()});
  auto doc = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << j.out;
  for (const auto& w : doc["workloads"]) {
    if (w["workload"] == "App") {
      EXPECT_TRUE(w["runs_as"].is_null()) << w;
    }
    if (w["workload"] == "Preview") {
      EXPECT_EQ(w["runs_as"]["state"], "unknown") << w;
      EXPECT_TRUE(w["runs_as"]["trusts_principal"].is_null()) << w;
    }
  }
  // simulate --workload agrees: the app has no one role, its branches do.
  auto app = RunInProcess({"simulate", "--workload", "App", "--action", "s3:GetObject",
                           "--resource", "*", (dir / "template.yaml").string()});
  EXPECT_EQ(app.exit_code, 2);
  EXPECT_NE(app.err.find("the branches of App run as different compute roles"), std::string::npos)
      << app.err;
  auto main = RunInProcess({"simulate", "--workload", "Main", "--action", "s3:GetObject",
                            "--resource", "*", (dir / "template.yaml").string()});
  EXPECT_EQ(main.exit_code, 1) << main.out << main.err;
  EXPECT_NE(main.out.find("Main runs as ComputeRole (its compute role)"), std::string::npos)
      << main.out;
  std::filesystem::remove_all(dir);
}

// Container definitions the input does not show: the listing says so rather than leaving it
// to be read as "nothing to check". In a `.tf` folder a definition known in part (the image
// from a repository this configuration creates) is still read; one whose list of variables
// is a module input without a value cannot be.
TEST(WorkloadsCommand, DefinitionsKnownOnlyAtApplyAreCannotTell) {
  const auto dir = ScratchDir("workloads-unknown");
  Write(dir / "main.tf", R"(
variable "batch_environment" {
  type = list(object({ name = string, value = string }))
}
resource "aws_ecr_repository" "app" { name = "orders" }
resource "aws_iam_role" "task" {
  name               = "orders-task"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })
}
resource "aws_ecs_task_definition" "api" {
  family                = "orders-api"
  task_role_arn         = aws_iam_role.task.arn
  container_definitions = jsonencode([{ name = "api", image = "${aws_ecr_repository.app.repository_url}:1.0" }])
}
resource "aws_ecs_task_definition" "batch" {
  family                = "orders-batch"
  task_role_arn         = aws_iam_role.task.arn
  container_definitions = jsonencode([{ name = "batch", image = "public.ecr.aws/docker/library/busybox:1.36", environment = var.batch_environment }])
}
resource "aws_lambda_function" "hook" {
  function_name = "orders-hook"
  role          = aws_iam_role.task.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "hook.zip"
  environment { variables = { REPO = aws_ecr_repository.app.repository_url } }
}
)");
  auto r = RunInProcess({"workloads", dir.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(LineOf(r.out, "aws_ecs_task_definition.batch")
                .find("; container definitions: cannot tell (secrets, logs, image and environment "
                      "not checked)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(LineOf(r.out, "aws_ecs_task_definition.api").find("cannot tell"), std::string::npos)
      << r.out;
  // A variable whose value is known only at apply leaves the environment's names known.
  EXPECT_EQ(LineOf(r.out, "aws_lambda_function.hook").find("cannot tell"), std::string::npos)
      << r.out;
  auto j = RunInProcess({"workloads", "--format", "json", dir.string()});
  auto doc = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << j.out;
  int seen = 0;
  for (const auto& w : doc["workloads"]) {
    ++seen;
    EXPECT_EQ(w["definition_known"], w["workload"] != "aws_ecs_task_definition.batch") << w;
  }
  EXPECT_EQ(seen, 3) << j.out;
  // What is known of the api's definition is read; the image stays unknown.
  LoadResult loaded = LoadPaths({dir.string()}, LoadOptions());
  ASSERT_EQ(loaded.model.scopes.size(), 1u);
  for (const auto& w : loaded.model.scopes[0].workloads) {
    if (w.display != "aws_ecs_task_definition.api") continue;
    ASSERT_EQ(w.containers.size(), 1u);
    EXPECT_EQ(w.containers[0].name, "api");
    EXPECT_TRUE(w.containers[0].image.unknown());
  }
  // `check` stays quiet about what it cannot see, and says so: a notice for the batch task
  // only (the Lambda function's finding is LMB001's: its role trusts ECS).
  auto c = RunInProcess({"check", dir.string()});
  EXPECT_EQ(c.exit_code, 1) << c.out << c.err;
  EXPECT_NE(LineOf(c.out, "notice ECS task definition aws_ecs_task_definition.batch")
                .find(": the inputs do not show its container definitions (known only at apply, "
                      "or chosen by a template condition), so iamlint cannot tell whether its "
                      "secrets, logs, image and environment are right"),
            std::string::npos)
      << c.out;
  EXPECT_EQ(c.out.find("notice ECS task definition aws_ecs_task_definition.api"), std::string::npos)
      << c.out;
  EXPECT_EQ(c.out.find("notice Lambda function"), std::string::npos) << c.out;
  auto cj = RunInProcess({"check", "--format", "json", dir.string()});
  auto report = nlohmann::json::parse(cj.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << cj.out;
  ASSERT_EQ(report["notices"].size(), 1u) << cj.out;
  EXPECT_EQ(report["notices"][0]["file"], (dir / "main.tf").string());
  EXPECT_EQ(report["notices"][0]["line"], 15);
  std::filesystem::remove_all(dir);
}

TEST(WorkloadsCommand, HostileNamesAreShownNotObeyedAndBadInputsAreLocated) {
  const auto dir = ScratchDir("workloads_hostile");
  // A function whose name and role carry a terminal escape, a newline and a workflow command.
  Write(dir / "get-function-configuration.json",
        "{\"FunctionName\": \"x\\u001b[2J\\n::error::owned\",\n"
        " \"FunctionArn\": \"arn:aws:lambda:us-east-1:123456789012:function:x\\u001b[2J\\n::error::"
        "owned\",\n"
        " \"Role\": \"arn:aws:iam::123456789012:role/r\\u202e\",\n"
        " \"Runtime\": \"python3.12\", \"Handler\": \"app.handler\"}\n");
  Write(dir / "broken.json", "{\"FunctionName\": \"y\",\n \"Role\": }\n");
  auto r = RunInProcess({"workloads", dir.string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\n::error::"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\\x1b[2J\\n::error::owned"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("role/r\\u202e"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("broken.json:2"), std::string::npos) << r.err;
  auto j = RunInProcess({"workloads", "--format", "json", dir.string()});
  EXPECT_EQ(j.exit_code, 2);
  auto doc = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << j.out;
  ASSERT_EQ(doc["errors"].size(), 1U) << j.out;
  EXPECT_EQ(doc["errors"][0]["line"], 2);
  ASSERT_EQ(doc["workloads"].size(), 1U) << j.out;
  EXPECT_EQ(doc["workloads"][0]["workload"],
            "arn:aws:lambda:us-east-1:123456789012:function:x\x1b[2J\n::error::owned");
  auto usage = RunInProcess({"workloads", "--format", "sarif", dir.string()});
  EXPECT_EQ(usage.exit_code, 2);
  std::filesystem::remove_all(dir);
}

// The model's Amplify workloads: a branch sees the app's variables under its own, and the
// workloads are made once per scope however often they are asked for.
TEST(AmplifyWorkloads, BranchEnvironmentOverlaysTheAppsAndIsMadeOnce) {
  const std::string tmpl = R"(Resources:
  App:
    Type: AWS::Amplify::App
    Properties:
      Name: shop
      Platform: WEB_COMPUTE
      EnvironmentVariables:
        - {Name: STAGE, Value: app}
        - {Name: REGION_NAME, Value: eu-west-1}
  Main:
    Type: AWS::Amplify::Branch
    Properties:
      AppId: !GetAtt App.AppId
      BranchName: main
      EnvironmentVariables:
        - {Name: STAGE, Value: prod}
)";
  LoadResult r = LoadBuffers({{"t.yaml", tmpl}}, LoadOptions());
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.model.scopes.size(), 1U);
  Scope& scope = r.model.scopes[0];
  AddAmplifyWorkloads(&scope);  // again: replaces, does not add
  ASSERT_EQ(scope.workloads.size(), 2U);
  const Workload& branch = scope.workloads[1];
  EXPECT_EQ(branch.display, "Main");
  EXPECT_EQ(branch.branch, 0);
  EXPECT_EQ(branch.app, 0);
  std::vector<std::string> env;
  for (const auto& e : branch.env) env.push_back(e.name + "=" + e.value);
  EXPECT_EQ(env, (std::vector<std::string>{"REGION_NAME=eu-west-1", "STAGE=prod"}));
  EXPECT_STREQ(WorkloadNoun(branch), "Amplify branch");
  EXPECT_STREQ(WorkloadNoun(scope.workloads[0]), "Amplify app");
}

}  // namespace
}  // namespace iamlint
