// The AWS CLI loader's workloads (issue 14): `aws ecs describe-task-definition`, `aws lambda
// get-function` / `get-function-configuration` / `list-functions`, `aws ec2
// describe-instances`, `aws codebuild batch-get-projects`, and the instance profiles of
// `aws iam get-instance-profile` / `list-instance-profiles` / a role's InstanceProfileList --
// read from the hand-written dumps of fixtures/cli/ and from small dumps written here for
// what an account rarely shows (other accounts, wrong types, huge lists).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "load/load.h"
#include "test_util.h"

namespace iamlint {
namespace {

using Platform = Workload::Platform;
using RState = RoleRef::State;
using PState = ProfileRef::State;

constexpr const char* kRolePrefix = "arn:aws:iam::123456789012:role/";

std::string Scenario(const std::string& name) {
  return testing::SourcePath("fixtures/cli/" + name);
}

/// Loads the given inputs; every load error fails the test.
LoadResult Load(const std::vector<std::string>& paths) {
  LoadResult r = LoadPaths(paths, LoadOptions());
  for (const auto& e : r.errors) {
    ADD_FAILURE() << e.file << ":" << e.line << " " << e.pointer << ": " << e.message;
  }
  return r;
}

const Scope& OnlyScope(const LoadResult& r) {
  static const Scope kEmpty;
  EXPECT_EQ(r.model.scopes.size(), 1u);
  return r.model.scopes.empty() ? kEmpty : r.model.scopes[0];
}

const Workload& OnlyWorkload(const Scope& s) {
  static const Workload kNone;
  EXPECT_EQ(s.workloads.size(), 1u);
  return s.workloads.empty() ? kNone : s.workloads[0];
}

/// The ARN of the role a reference resolves to, or "" when it is not resolved.
std::string ResolvedArn(const Scope& s, const RoleRef& ref) {
  if (ref.state != RState::kResolved || ref.role < 0 ||
      static_cast<size_t>(ref.role) >= s.roles.size()) {
    return "";
  }
  return s.roles[static_cast<size_t>(ref.role)].arn.value_or("");
}

const EnvVar* FindEnv(const std::vector<EnvVar>& env, const std::string& name) {
  for (const auto& e : env) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// Line `line` (1-based) of the file.
std::string LineOf(const std::string& file, size_t line) {
  std::istringstream in(testing::ReadText(file));
  std::string text;
  for (size_t i = 0; i < line && std::getline(in, text); ++i) {
  }
  return text;
}

/// `loc` is in `file_name` at `pointer`, and its line holds `text` (the field it names).
void ExpectAt(const Location& loc, const std::string& file_name, const std::string& pointer,
              const std::string& text) {
  EXPECT_TRUE(EndsWith(loc.file, "/" + file_name)) << loc.file;
  EXPECT_EQ(loc.pointer, pointer);
  EXPECT_NE(LineOf(loc.file, loc.line).find(text), std::string::npos)
      << loc.file << ":" << loc.line << " does not hold " << text;
}

// ---- ECS ----------------------------------------------------------------------------------

TEST(WorkloadCli, EcsTaskDefinitionWithoutTaskRole) {
  LoadResult r = Load({Scenario("ecs-permissions-on-execution-role")});
  const Scope& s = OnlyScope(r);
  const Workload& w = OnlyWorkload(s);
  EXPECT_EQ(w.platform, Platform::kEcs);
  EXPECT_EQ(w.display, "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/orders-worker:7");
  EXPECT_EQ(w.arn.value_or(""), w.display);
  EXPECT_EQ(w.name.value_or(""), "orders-worker");
  ExpectAt(w.loc, "describe-task-definition.json", "/taskDefinition", "\"taskDefinition\"");
  EXPECT_EQ(w.runtime_role.state, RState::kAbsent);
  EXPECT_EQ(w.runtime_role.loc.pointer, "/taskDefinition");
  EXPECT_EQ(w.platform_role.state, RState::kResolved);
  EXPECT_EQ(ResolvedArn(s, w.platform_role), std::string(kRolePrefix) + "orders-worker-execution");
  ExpectAt(w.platform_role.loc, "describe-task-definition.json", "/taskDefinition/executionRoleArn",
           "executionRoleArn");
  EXPECT_TRUE(w.definition_known);
  EXPECT_TRUE(w.fargate.known() && w.fargate.value()) << "requiresCompatibilities: FARGATE";
  EXPECT_EQ(w.instance_profile.state, PState::kAbsent);
  ASSERT_EQ(w.containers.size(), 1u);
  const Container& c = w.containers[0];
  EXPECT_EQ(c.name, "orders-worker");
  EXPECT_EQ(c.image.value_or(""),
            "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/orders-worker:1.4.2");
  ExpectAt(c.loc, "describe-task-definition.json", "/taskDefinition/containerDefinitions/0", "{");
  ASSERT_EQ(c.env.size(), 2u);
  EXPECT_EQ(c.env[1].name, "TABLE_NAME");
  EXPECT_EQ(c.env[1].value, "orders-dev");
  ExpectAt(c.env[1].loc, "describe-task-definition.json",
           "/taskDefinition/containerDefinitions/0/environment/1", "{");
  EXPECT_TRUE(c.secrets.empty());
  EXPECT_EQ(c.log_driver.value_or(""), "awslogs");
  ASSERT_EQ(c.log_options.size(), 3u);
  EXPECT_EQ(c.log_options[0].first, "awslogs-group");
  EXPECT_EQ(c.log_options[0].second, "/ecs/orders-worker");
  EXPECT_TRUE(c.repository_credentials.absent());
  // The execution role holds its inline data policy and the managed one.
  const Role& exec = s.roles[static_cast<size_t>(w.platform_role.role)];
  EXPECT_EQ(exec.grants.size(), 2u);
}

TEST(WorkloadCli, EcsTaskRoleAndExecutionRoleBothResolve) {
  LoadResult r = Load({Scenario("ecs-task-role-ok")});
  const Scope& s = OnlyScope(r);
  const Workload& w = OnlyWorkload(s);
  EXPECT_EQ(ResolvedArn(s, w.runtime_role), std::string(kRolePrefix) + "orders-worker-task");
  ExpectAt(w.runtime_role.loc, "describe-task-definition.json", "/taskDefinition/taskRoleArn",
           "taskRoleArn");
  EXPECT_EQ(ResolvedArn(s, w.platform_role), std::string(kRolePrefix) + "orders-worker-execution");
  EXPECT_NE(w.runtime_role.role, w.platform_role.role);
}

TEST(WorkloadCli, EcsSecretsAndRepositoryCredentialsAreReferences) {
  LoadResult r = Load({Scenario("ecs-secrets-ok")});
  const Workload& w = OnlyWorkload(OnlyScope(r));
  ASSERT_EQ(w.containers.size(), 2u);
  const Container& api = w.containers[0];
  ASSERT_EQ(api.secrets.size(), 2u);
  EXPECT_EQ(api.secrets[0].name, "DB_PASSWORD");
  EXPECT_EQ(api.secrets[0].value_from.value_or(""),
            "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:"
            "catalog/dev/db-password-Xy12Ab");
  ExpectAt(api.secrets[1].loc, "describe-task-definition.json",
           "/taskDefinition/containerDefinitions/0/secrets/1", "{");
  EXPECT_EQ(FindEnv(api.env, "DB_PASSWORD"), nullptr) << "a secret is not plain environment";
  const Container& metrics = w.containers[1];
  EXPECT_EQ(metrics.name, "metrics");
  EXPECT_EQ(metrics.repository_credentials.value_or(""),
            "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:"
            "catalog/dev/registry-login-Qw34Er");
  EXPECT_TRUE(api.repository_credentials.absent());
}

TEST(WorkloadCli, EcsKeysInContainerEnvironmentAreKnownValues) {
  LoadResult r = Load({Scenario("ecs-keys-in-env")});
  const Workload& w = OnlyWorkload(OnlyScope(r));
  ASSERT_EQ(w.containers.size(), 1u);
  const EnvVar* key = FindEnv(w.containers[0].env, "AWS_ACCESS_KEY_ID");
  ASSERT_NE(key, nullptr);
  EXPECT_TRUE(key->value_known);
  EXPECT_EQ(key->value, "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(w.runtime_role.state, RState::kAbsent);
}

// ---- Lambda -------------------------------------------------------------------------------

TEST(WorkloadCli, LambdaGetFunctionConfiguration) {
  LoadResult r = Load({Scenario("lambda-wrong-trust")});
  const Scope& s = OnlyScope(r);
  const Workload& w = OnlyWorkload(s);
  EXPECT_EQ(w.platform, Platform::kLambda);
  EXPECT_EQ(w.display, "arn:aws:lambda:ap-northeast-1:123456789012:function:invoice-mailer");
  EXPECT_EQ(w.name.value_or(""), "invoice-mailer");
  EXPECT_EQ(ResolvedArn(s, w.runtime_role), std::string(kRolePrefix) + "invoice-mailer-role");
  ExpectAt(w.runtime_role.loc, "get-function.json", "/Configuration/Role", "\"Role\"");
  EXPECT_EQ(w.platform_role.state, RState::kAbsent);
  ASSERT_EQ(w.env.size(), 1u);
  ExpectAt(w.env[0].loc, "get-function.json", "/Configuration/Environment/Variables/FROM_ADDRESS",
           "FROM_ADDRESS");
}

// get-function-configuration prints the function at the top level: its `Role` is the
// function's role ARN, not get-role's Role object.
TEST(WorkloadCli, GetFunctionConfigurationRoleIsTheFunctionsRoleNotARoleDump) {
  LoadResult r = Load({Scenario("lambda-ok")});
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.roles.size(), 1u) << "only the authorization details' role";
  const Workload& w = OnlyWorkload(s);
  EXPECT_EQ(w.display, "arn:aws:lambda:ap-northeast-1:123456789012:function:thumbnailer");
  EXPECT_EQ(ResolvedArn(s, w.runtime_role), std::string(kRolePrefix) + "thumbnailer-lambda");
  ExpectAt(w.runtime_role.loc, "get-function-configuration.json", "/Role", "\"Role\"");
  EXPECT_EQ(w.env.size(), 4u);
  ExpectAt(FindEnv(w.env, "SIZES")->loc, "get-function-configuration.json",
           "/Environment/Variables/SIZES", "SIZES");

  // On its own, the dump is a function whose role this run does not show: no error, no role.
  LoadResult alone = Load({Scenario("lambda-ok") + "/get-function-configuration.json"});
  const Scope& a = OnlyScope(alone);
  EXPECT_TRUE(a.roles.empty());
  const Workload& f = OnlyWorkload(a);
  EXPECT_EQ(f.runtime_role.state, RState::kExternal);
  EXPECT_EQ(f.runtime_role.arn, std::string(kRolePrefix) + "thumbnailer-lambda");
}

TEST(WorkloadCli, LambdaListFunctions) {
  LoadResult r = Load({Scenario("lambda-reserved-env")});
  const Scope& s = OnlyScope(r);
  const Workload& w = OnlyWorkload(s);
  EXPECT_EQ(w.name.value_or(""), "stripe-webhook");
  EXPECT_EQ(ResolvedArn(s, w.runtime_role), std::string(kRolePrefix) + "stripe-webhook-lambda");
  ExpectAt(w.runtime_role.loc, "list-functions.json", "/Functions/0/Role", "\"Role\"");
  const EnvVar* region = FindEnv(w.env, "AWS_REGION");
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->value, "us-east-1");
  ExpectAt(region->loc, "list-functions.json", "/Functions/0/Environment/Variables/AWS_REGION",
           "AWS_REGION");
}

// ---- EC2 ----------------------------------------------------------------------------------

TEST(WorkloadCli, Ec2InstanceRunsAsItsProfilesRole) {
  LoadResult r = Load({Scenario("ec2-ok")});
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.instance_profiles.size(), 1u)
      << "get-instance-profile and the role's InstanceProfileList are one profile";
  const InstanceProfile& p = s.instance_profiles[0];
  EXPECT_EQ(p.display, "arn:aws:iam::123456789012:instance-profile/shop-app-ec2");
  EXPECT_EQ(p.name.value_or(""), "shop-app-ec2");
  EXPECT_EQ(ResolvedArn(s, p.role), std::string(kRolePrefix) + "shop-app-ec2");
  EXPECT_TRUE(EndsWith(p.role.loc.pointer, "/Roles/0/Arn")) << p.role.loc.pointer;
  const Workload& w = OnlyWorkload(s);
  EXPECT_EQ(w.platform, Platform::kEc2);
  EXPECT_EQ(w.display, "i-0f9e8d7c6b5a43210");
  EXPECT_EQ(w.name.value_or(""), "shop-app-bastion");
  EXPECT_EQ(w.instance_profile.state, PState::kResolved);
  EXPECT_EQ(w.instance_profile.profile, 0);
  ExpectAt(w.instance_profile.loc, "describe-instances.json",
           "/Reservations/0/Instances/0/IamInstanceProfile/Arn", "\"Arn\"");
  EXPECT_EQ(w.runtime_role.state, RState::kResolved);
  EXPECT_EQ(w.runtime_role.role, p.role.role);
}

TEST(WorkloadCli, Ec2ProfileFromTheRolesInstanceProfileList) {
  LoadResult r = Load({Scenario("ec2-profile-wrong-trust")});
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.instance_profiles.size(), 1u);
  ExpectAt(s.instance_profiles[0].loc, "authorization-details.json",
           "/RoleDetailList/0/InstanceProfileList/0", "{");
  const Workload& w = OnlyWorkload(s);
  EXPECT_EQ(w.instance_profile.state, PState::kResolved);
  EXPECT_EQ(ResolvedArn(s, w.runtime_role), std::string(kRolePrefix) + "render-farm-role");
}

TEST(WorkloadCli, Ec2ProfileOutsideTheRunAndNoProfile) {
  const auto dir = testing::ScratchDir("wcli");
  const std::string path = (dir / "describe-instances.json").string();
  std::ofstream(path) << R"({"Reservations": [{"Instances": [
      {"InstanceId": "i-1", "IamInstanceProfile": {"Arn":
        "arn:aws:iam::123456789012:instance-profile/elsewhere", "Id": "AIPAEXAMPLE"}},
      {"InstanceId": "i-2"}]}]})";
  LoadResult r = Load({path});
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.workloads.size(), 2u);
  const Workload& other = s.workloads[0];
  EXPECT_EQ(other.display, "i-1");
  EXPECT_EQ(other.instance_profile.state, PState::kExternal);
  EXPECT_EQ(other.instance_profile.name_or_arn,
            "arn:aws:iam::123456789012:instance-profile/elsewhere");
  EXPECT_EQ(other.runtime_role.state, RState::kUnknown) << "the profile's role is not shown";
  const Workload& none = s.workloads[1];
  EXPECT_EQ(none.instance_profile.state, PState::kAbsent);
  EXPECT_EQ(none.runtime_role.state, RState::kAbsent);
  EXPECT_EQ(none.instance_profile.loc.pointer, "/Reservations/0/Instances/1");
}

// ---- CodeBuild ----------------------------------------------------------------------------

TEST(WorkloadCli, CodeBuildPlainVariablesAndSecretsByType) {
  LoadResult r = Load({Scenario("codebuild-ok")});
  const Scope& s = OnlyScope(r);
  const Workload& w = OnlyWorkload(s);
  EXPECT_EQ(w.platform, Platform::kCodeBuild);
  EXPECT_EQ(w.display, "arn:aws:codebuild:ap-northeast-1:123456789012:project/web-build");
  EXPECT_EQ(w.name.value_or(""), "web-build");
  EXPECT_EQ(ResolvedArn(s, w.runtime_role), std::string(kRolePrefix) + "web-build-codebuild");
  ExpectAt(w.runtime_role.loc, "batch-get-projects.json", "/projects/0/serviceRole", "serviceRole");
  ASSERT_EQ(w.env.size(), 1u);
  EXPECT_EQ(w.env[0].name, "NODE_ENV");
  ExpectAt(w.env[0].loc, "batch-get-projects.json",
           "/projects/0/environment/environmentVariables/0", "{");
  ASSERT_EQ(w.secrets.size(), 2u);
  EXPECT_EQ(w.secrets[0].name, "NPM_TOKEN");
  EXPECT_EQ(w.secrets[0].value_from.value_or(""), "/web-build/npm-token");
  EXPECT_EQ(w.secrets[1].name, "SIGNING_KEY");
  EXPECT_EQ(w.secrets[1].loc.pointer, "/projects/0/environment/environmentVariables/2");
}

TEST(WorkloadCli, CodeBuildPlaintextKeys) {
  LoadResult r = Load({Scenario("codebuild-plaintext-keys")});
  const Workload& w = OnlyWorkload(OnlyScope(r));
  EXPECT_EQ(w.env.size(), 3u);
  EXPECT_TRUE(w.secrets.empty());
  const EnvVar* secret = FindEnv(w.env, "AWS_SECRET_ACCESS_KEY");
  ASSERT_NE(secret, nullptr);
  EXPECT_TRUE(secret->value_known);
}

// ---- roles across dumps -------------------------------------------------------------------

TEST(WorkloadCli, RolesOfOtherAccountsAndRolesByNameResolveOrStayExternal) {
  const auto dir = testing::ScratchDir("wcli");
  const std::string td = (dir / "td.json").string();
  std::ofstream(td) << R"({"taskDefinition": {
      "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/x:1",
      "taskRoleArn": "arn:aws:iam::210987654321:role/partner-task",
      "executionRoleArn": "arn:aws:iam::123456789012:role/shared-exec",
      "containerDefinitions": []}})";
  const std::string pr = (dir / "projects.json").string();
  std::ofstream(pr) << R"({"projects": [{"name": "p",
      "arn": "arn:aws:codebuild:us-east-1:123456789012:project/p", "serviceRole": "shared-exec",
      "environment": {}}]})";
  const std::string role = (dir / "role.json").string();
  std::ofstream(role) << R"({"Role": {"RoleName": "shared-exec",
      "Arn": "arn:aws:iam::123456789012:role/shared-exec", "AssumeRolePolicyDocument": {}}})";
  LoadResult r = Load({td, pr, role});
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.workloads.size(), 2u);
  const Workload& t = s.workloads[0];
  EXPECT_EQ(t.runtime_role.state, RState::kExternal);
  EXPECT_EQ(t.runtime_role.arn, "arn:aws:iam::210987654321:role/partner-task");
  EXPECT_EQ(ResolvedArn(s, t.platform_role), std::string(kRolePrefix) + "shared-exec");
  EXPECT_TRUE(t.definition_known) << "an empty list is known to hold no container";
  const Workload& p = s.workloads[1];
  EXPECT_EQ(ResolvedArn(s, p.runtime_role), std::string(kRolePrefix) + "shared-exec")
      << "CodeBuild takes a role's name too";
  EXPECT_TRUE(p.definition_known);
}

// ---- hostile and odd shapes ---------------------------------------------------------------

class WorkloadCliHostile : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::ScratchDir("wcli_hostile"); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(WorkloadCliHostile, WrongTypesAreLocatedErrorsAndNoCrash) {
  const std::string td = Write("td.json", R"({"taskDefinition": {
      "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/bad:1",
      "taskRoleArn": 12, "containerDefinitions": {"name": "app"}}})");
  const std::string fn = Write("fn.json", R"({"FunctionName": "f", "Role": {"Arn": 5},
      "Environment": {"Variables": ["A"]}})");
  const std::string ec2 = Write("ec2.json", R"({"Reservations": [{"Instances": "none"},
      {"Instances": [{"InstanceId": "i-3", "IamInstanceProfile": []}, 7]}]})");
  const std::string cb = Write("cb.json", R"({"projects": [{"arn":
      "arn:aws:codebuild:us-east-1:123456789012:project/c", "serviceRole": 7,
      "environment": {"environmentVariables": [1, {"name": 2}, {"name": "T", "type": []}]}}]})");
  const std::string ip = Write("ip.json", R"({"InstanceProfile": {"Arn":
      "arn:aws:iam::123456789012:instance-profile/p", "Roles": "r"}})");
  LoadResult r = LoadPaths({td, fn, ec2, cb, ip}, LoadOptions());
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  EXPECT_FALSE(r.errors.empty());
  for (const auto& e : r.errors) {
    EXPECT_GT(e.line, 0u) << e.message;
    EXPECT_FALSE(e.pointer.empty()) << e.file << ": " << e.message;
  }
  ASSERT_EQ(s.workloads.size(), 4u);  // the task, the function, i-3, the project
  for (const auto& w : s.workloads) {
    if (w.platform == Platform::kEcs) {
      EXPECT_FALSE(w.definition_known);
      EXPECT_EQ(w.runtime_role.state, RState::kUnknown) << "set, to no ARN";
    }
    if (w.platform == Platform::kLambda) {
      EXPECT_EQ(w.runtime_role.state, RState::kUnknown);
      EXPECT_TRUE(s.roles.empty()) << "the function's Role object is no get-role dump";
    }
    if (w.platform == Platform::kEc2) {
      EXPECT_EQ(w.instance_profile.state, PState::kUnknown);
    }
    if (w.platform == Platform::kCodeBuild) {
      EXPECT_EQ(w.runtime_role.state, RState::kUnknown);
    }
  }
  ASSERT_EQ(s.instance_profiles.size(), 1u);
  EXPECT_EQ(s.instance_profiles[0].role.state, RState::kUnknown);

  // The binary: exit code 2, each error located, no crash.
  testing::RunResult run = testing::RunIamlint({"check", td, fn, ec2, cb, ip});
  EXPECT_EQ(run.signal, 0);
  EXPECT_EQ(run.exit_code, 2) << run.err;
  // Input errors are part of the report (standard output), each with file, line and pointer.
  EXPECT_NE(run.out.find("td.json:3: input error taskRoleArn is a number"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("(at /taskDefinition/taskRoleArn)"), std::string::npos) << run.out;
}

TEST_F(WorkloadCliHostile, MissingIdentitiesAreLocatedErrors) {
  const std::string td = Write("td.json", R"({"taskDefinition": {"family": "x"}})");
  const std::string fn = Write("fns.json", R"({"Functions": [{"FunctionName": "", "Role": ""}]})");
  const std::string ec2 = Write("ec2.json", R"({"Reservations": [{"Instances": [{}]}]})");
  const std::string cb = Write("cb.json", R"({"projects": [{"serviceRole": "r"}]})");
  LoadResult r = LoadPaths({td, fn, ec2, cb}, LoadOptions());
  ASSERT_EQ(r.model.scopes.size(), 1u);
  EXPECT_TRUE(r.model.scopes[0].workloads.empty());
  ASSERT_EQ(r.errors.size(), 4u);
  for (const auto& e : r.errors) {
    EXPECT_GT(e.line, 0u) << e.message;
    if (e.file == td) {
      EXPECT_EQ(e.pointer, "/taskDefinition");
      EXPECT_NE(e.message.find("taskDefinitionArn"), std::string::npos) << e.message;
    }
  }
  testing::RunResult run = testing::RunIamlint({"check", td, fn, ec2, cb});
  EXPECT_EQ(run.signal, 0);
  EXPECT_EQ(run.exit_code, 2) << run.err;
}

TEST_F(WorkloadCliHostile, HugeListsAreReadWithoutCrashing) {
  std::string text = R"({"taskDefinition": {"taskDefinitionArn":
      "arn:aws:ecs:us-east-1:123456789012:task-definition/big:1", "containerDefinitions": [)";
  for (int i = 0; i < 20000; ++i) {
    text += std::string(i == 0 ? "" : ",") + R"({"name": "c", "environment": [{"name": "A",
        "value": "b"}], "secrets": [1, {"name": "S", "valueFrom": 2}]})";
  }
  text += "]}}";
  const std::string td = Write("big.json", text);
  std::string fns = R"({"Functions": [)";
  for (int i = 0; i < 20000; ++i) {
    fns += std::string(i == 0 ? "" : ",") + R"({"FunctionName": "f)" + std::to_string(i) +
           R"(", "Role": "arn:aws:iam::123456789012:role/r"})";
  }
  fns += "]}";
  const std::string fn = Write("fns.json", fns);
  LoadResult r = LoadPaths({td, fn}, LoadOptions());
  EXPECT_TRUE(r.errors.empty());
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  ASSERT_EQ(s.workloads.size(), 20001u);
  EXPECT_EQ(s.workloads[0].containers.size(), 20000u);
  EXPECT_EQ(s.workloads[0].containers[19999].secrets.size(), 1u);
  testing::RunResult run = testing::RunIamlint({"check", td, fn});
  EXPECT_EQ(run.signal, 0);
  EXPECT_NE(run.exit_code, 2) << run.err;
}

// Keys other tools use too do not make a file a CLI dump unless what they hold is one.
TEST_F(WorkloadCliHostile, OtherToolsFilesWithTheSameKeysAreNotDumps) {
  Write("angular.json", R"({"version": 1, "projects": {"app": {}}})");
  Write("conf.json", R"({"Configuration": {"Debug": true}})");
  Write("list.json", R"({"projects": [{"name": "web"}]})");
  Write("functions.json", R"({"Functions": {"FunctionName": "f"}})");
  LoadResult r = LoadPaths({dir_.string()}, LoadOptions());
  EXPECT_EQ(r.files_loaded, 0u);
  EXPECT_EQ(r.files_skipped, 4u);
  EXPECT_TRUE(r.errors.empty());
}

}  // namespace
}  // namespace iamlint
