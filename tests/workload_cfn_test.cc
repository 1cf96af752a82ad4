// The CloudFormation loader's workloads (issue 14): ECS task definitions with their
// containers, Lambda functions (plain and SAM, with the role SAM creates), EC2 instances and
// launch templates with their instance profiles, CodeBuild projects -- read from real CDK
// templates (fixtures/cfn/workloads/, made by its generate.sh), from a hand-written SAM
// template, and from small templates written here for what the CDK never writes (unknown
// values, wrong types).
#include <gtest/gtest.h>

#include <algorithm>
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

std::string FixturePath(const std::string& name) {
  return testing::SourcePath("fixtures/cfn/workloads/" + name);
}

/// Loads one input; every load error fails the test.
LoadResult Load(const std::string& path) {
  LoadResult r = LoadPaths({path}, LoadOptions());
  for (const auto& e : r.errors) ADD_FAILURE() << e.file << ":" << e.line << ": " << e.message;
  return r;
}

const Scope& OnlyScope(const LoadResult& r) {
  static const Scope kEmpty;
  EXPECT_EQ(r.model.scopes.size(), 1u);
  return r.model.scopes.empty() ? kEmpty : r.model.scopes[0];
}

const Workload& FindWorkload(const Scope& s, const std::string& display) {
  for (const auto& w : s.workloads) {
    if (w.display == display) return w;
  }
  ADD_FAILURE() << "no workload " << display;
  static const Workload kNone;
  return kNone;
}

/// The display of the role a reference resolves to, or "" when it is not resolved.
std::string RoleName(const Scope& s, const RoleRef& ref) {
  if (ref.state != RState::kResolved || ref.role < 0 ||
      static_cast<size_t>(ref.role) >= s.roles.size()) {
    return "";
  }
  return s.roles[static_cast<size_t>(ref.role)].display;
}

const EnvVar* FindEnv(const std::vector<EnvVar>& env, const std::string& name) {
  for (const auto& e : env) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

/// The 1-based line of the first line of `path` holding `needle` after the first line
/// holding `after` (0 when none): where a fixture writes something, found in its text.
size_t LineOf(const std::string& path, const std::string& needle, const std::string& after = "") {
  std::istringstream in(testing::ReadText(path));
  size_t n = 0;
  bool seen = after.empty();
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (!seen) {
      seen = line.find(after) != std::string::npos;
      continue;
    }
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

/// The service principals a role's trust policy allows.
std::vector<std::string> TrustedServices(const Role& role) {
  std::vector<std::string> out;
  if (!role.trust.known()) return out;
  for (const auto& st : role.trust.value().statements) {
    auto it = st.principal.ids.find("Service");
    if (st.effect == Effect::kAllow && it != st.principal.ids.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
    }
  }
  return out;
}

/// The actions a role's grants allow, where their documents are known.
std::vector<std::string> GrantedActions(const Scope& s, const Role& role) {
  std::vector<std::string> out;
  for (const auto& g : role.grants) {
    const Policy& p = PolicyOf(s, g.policy);
    if (!p.document.known()) continue;
    for (const auto& st : p.document.value().statements) {
      out.insert(out.end(), st.actions.begin(), st.actions.end());
    }
  }
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// ---- the real CDK templates ----------------------------------------------------------------

TEST(WorkloadCfn, EcsFargateTaskWithSecretsAndAwslogs) {
  const std::string path = FixturePath("EcsTaskOkStack.template.json");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.workloads.size(), 1u);
  const Workload& w = FindWorkload(s, "EcsTaskOkStack/ApiTask");
  EXPECT_EQ(w.platform, Platform::kEcs);
  EXPECT_EQ(w.name.value_or(""), "orders-api");
  EXPECT_TRUE(w.fargate.known() && w.fargate.value()) << "RequiresCompatibilities: FARGATE";
  EXPECT_TRUE(w.arn.unknown());
  EXPECT_EQ(RoleName(s, w.runtime_role), "EcsTaskOkStack/ApiTask/TaskRole");
  EXPECT_EQ(RoleName(s, w.platform_role), "EcsTaskOkStack/ApiTask/ExecutionRole");
  EXPECT_EQ(w.runtime_role.loc.file, path);
  EXPECT_EQ(w.runtime_role.loc.line, LineOf(path, "\"TaskRoleArn\""));
  EXPECT_EQ(w.runtime_role.loc.pointer, "/Resources/ApiTask011D0955/Properties/TaskRoleArn");
  EXPECT_EQ(w.platform_role.loc.line, LineOf(path, "\"ExecutionRoleArn\""));
  ASSERT_TRUE(w.definition_known);
  ASSERT_EQ(w.containers.size(), 1u);
  const Container& c = w.containers[0];
  EXPECT_EQ(c.name, "api");
  EXPECT_EQ(c.image.value_or(""), "public.ecr.aws/docker/library/node:20-alpine");
  EXPECT_EQ(c.log_driver.value_or(""), "awslogs");
  // The log group and region are Refs (unknown): left out; the prefix is known.
  EXPECT_NE(
      std::find(c.log_options.begin(), c.log_options.end(),
                std::make_pair(std::string("awslogs-stream-prefix"), std::string("orders-api"))),
      c.log_options.end());
  for (const auto& [k, v] : c.log_options) EXPECT_NE(k, "awslogs-region") << v;
  EXPECT_TRUE(c.repository_credentials.absent());
  ASSERT_EQ(c.env.size(), 2u);
  const EnvVar* table = FindEnv(c.env, "TABLE_NAME");
  ASSERT_NE(table, nullptr);
  EXPECT_FALSE(table->value_known) << "a Ref of the table: its name is not written out";
  const EnvVar* port = FindEnv(c.env, "PORT");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->value, "8080");
  EXPECT_EQ(port->loc.line, LineOf(path, "\"PORT\"") - 1) << "at the {Name, Value} entry";
  ASSERT_EQ(c.secrets.size(), 1u);
  EXPECT_EQ(c.secrets[0].name, "DB_PASSWORD");
  // A Ref of a secret is its ARN: what the template names (the secret's Name) is kept, and
  // what it cannot show (region, account, the six random characters) is a wildcard.
  EXPECT_EQ(c.secrets[0].value_from.value_or(""),
            "arn:aws:secretsmanager:*:*:secret:orders/dev/db-password-??????");
  EXPECT_EQ(c.secrets[0].loc.pointer,
            "/Resources/ApiTask011D0955/Properties/ContainerDefinitions/0/Secrets/0");
  EXPECT_EQ(c.secrets[0].loc.line, LineOf(path, "\"DB_PASSWORD\"") - 1);
  // The execution role holds the CDK's grants (the secret, the logs) by its DefaultPolicy.
  const Role& exec = s.roles[static_cast<size_t>(w.platform_role.role)];
  EXPECT_TRUE(Has(GrantedActions(s, exec), "secretsmanager:GetSecretValue"));
  EXPECT_TRUE(Has(TrustedServices(exec), "ecs-tasks.amazonaws.com"));
}

TEST(WorkloadCfn, EcsDataPermissionsOnTheExecutionRoleAndNoTaskRole) {
  const std::string path = FixturePath("EcsExecutionRoleDataStack.template.json");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "EcsExecutionRoleDataStack/WorkerTask");
  EXPECT_EQ(w.runtime_role.state, RState::kAbsent) << "TaskRoleArn deleted by the escape hatch";
  EXPECT_EQ(RoleName(s, w.platform_role), "EcsExecutionRoleDataStack/WorkerTask/ExecutionRole");
  const Role& exec = s.roles[static_cast<size_t>(w.platform_role.role)];
  EXPECT_TRUE(Has(GrantedActions(s, exec), "dynamodb:PutItem"));
  ASSERT_EQ(w.containers.size(), 1u);
  EXPECT_EQ(w.containers[0].name, "worker");
}

TEST(WorkloadCfn, LambdaFunctionRoleAndEnvironment) {
  const std::string path = FixturePath("LambdaOkStack.template.json");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.workloads.size(), 1u);
  const Workload& w = FindWorkload(s, "LambdaOkStack/Thumbnailer");
  EXPECT_EQ(w.platform, Platform::kLambda);
  EXPECT_EQ(w.name.value_or(""), "orders-dev-thumbnailer");
  EXPECT_EQ(RoleName(s, w.runtime_role), "LambdaOkStack/Thumbnailer/ServiceRole");
  EXPECT_EQ(w.platform_role.state, RState::kAbsent);
  EXPECT_TRUE(w.definition_known);
  ASSERT_EQ(w.env.size(), 2u);
  const EnvVar* sizes = FindEnv(w.env, "SIZES");
  ASSERT_NE(sizes, nullptr);
  EXPECT_EQ(sizes->value, "64,256,1024");
  EXPECT_EQ(sizes->loc.line, LineOf(path, "\"SIZES\""));
  EXPECT_EQ(sizes->loc.pointer,
            "/Resources/Thumbnailer5F8B738E/Properties/Environment/Variables/SIZES");
  const EnvVar* bucket = FindEnv(w.env, "MEDIA_BUCKET");
  ASSERT_NE(bucket, nullptr);
  EXPECT_FALSE(bucket->value_known) << "a Ref of the bucket: not resolved to its name";
}

TEST(WorkloadCfn, LambdaRoleThatTrustsEcsTasks) {
  LoadResult r = Load(FixturePath("LambdaWrongTrustStack.template.json"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "LambdaWrongTrustStack/Mailer");
  ASSERT_EQ(RoleName(s, w.runtime_role), "LambdaWrongTrustStack/MailerRole");
  const Role& role = s.roles[static_cast<size_t>(w.runtime_role.role)];
  EXPECT_EQ(TrustedServices(role), std::vector<std::string>{"ecs-tasks.amazonaws.com"});
  EXPECT_TRUE(w.name.unknown()) << "no FunctionName: CloudFormation makes one";
}

TEST(WorkloadCfn, Ec2InstanceAndLaunchTemplateRunAsTheirProfilesRole) {
  const std::string path = FixturePath("Ec2ProfileStack.template.json");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.instance_profiles.size(), 2u);
  for (const auto& p : s.instance_profiles) {
    EXPECT_EQ(RoleName(s, p.role), "Ec2ProfileStack/AppRole") << p.display;
  }
  const Workload& bastion = FindWorkload(s, "Ec2ProfileStack/Bastion");
  EXPECT_EQ(bastion.platform, Platform::kEc2);
  EXPECT_FALSE(bastion.launch_template);
  ASSERT_EQ(bastion.instance_profile.state, PState::kResolved);
  EXPECT_EQ(s.instance_profiles[static_cast<size_t>(bastion.instance_profile.profile)].display,
            "Ec2ProfileStack/Bastion/InstanceProfile");
  EXPECT_EQ(bastion.instance_profile.loc.line, LineOf(path, "\"IamInstanceProfile\""));
  EXPECT_EQ(RoleName(s, bastion.runtime_role), "Ec2ProfileStack/AppRole");
  EXPECT_EQ(bastion.name.value_or(""), "Ec2ProfileStack/Bastion") << "the CDK's Name tag";
  const Workload& lt = FindWorkload(s, "Ec2ProfileStack/AppTemplate");
  EXPECT_TRUE(lt.launch_template);
  ASSERT_EQ(lt.instance_profile.state, PState::kResolved) << "by Fn::GetAtt Profile.Arn";
  EXPECT_EQ(s.instance_profiles[static_cast<size_t>(lt.instance_profile.profile)].display,
            "Ec2ProfileStack/AppTemplate/Profile");
  EXPECT_TRUE(lt.instance_profile.loc.pointer.find("/LaunchTemplateData/IamInstanceProfile/Arn") !=
              std::string::npos)
      << lt.instance_profile.loc.pointer;
  EXPECT_EQ(lt.name.value_or(""), "orders-app");
  EXPECT_EQ(RoleName(s, lt.runtime_role), "Ec2ProfileStack/AppRole");
  const Role& role = s.roles[static_cast<size_t>(lt.runtime_role.role)];
  EXPECT_TRUE(Has(TrustedServices(role), "ec2.amazonaws.com"));
}

TEST(WorkloadCfn, Ec2RoleNamedWhereAProfileIsExpected) {
  LoadResult r = Load(FixturePath("Ec2RoleAsProfileStack.template.json"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "Ec2RoleAsProfileStack/Runner");
  ASSERT_EQ(w.instance_profile.state, PState::kRole);
  EXPECT_EQ(s.roles[static_cast<size_t>(w.instance_profile.role)].display,
            "Ec2RoleAsProfileStack/RunnerRole");
  EXPECT_EQ(w.runtime_role.state, RState::kAbsent) << "AWS refuses it: the instance has no role";
  EXPECT_GT(w.runtime_role.loc.line, 0u);
}

TEST(WorkloadCfn, CodeBuildPlaintextKeys) {
  const std::string path = FixturePath("CodeBuildKeysStack.template.json");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "CodeBuildKeysStack/Deploy");
  EXPECT_EQ(w.platform, Platform::kCodeBuild);
  EXPECT_EQ(w.name.value_or(""), "orders-deploy");
  EXPECT_EQ(RoleName(s, w.runtime_role), "CodeBuildKeysStack/Deploy/Role");
  EXPECT_TRUE(w.secrets.empty());
  ASSERT_EQ(w.env.size(), 3u);
  const EnvVar* id = FindEnv(w.env, "AWS_ACCESS_KEY_ID");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->value, "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(id->loc.line, LineOf(path, "\"AWS_ACCESS_KEY_ID\"") - 1);
  EXPECT_NE(FindEnv(w.env, "AWS_SECRET_ACCESS_KEY"), nullptr);
  const Role& role = s.roles[static_cast<size_t>(w.runtime_role.role)];
  EXPECT_TRUE(Has(TrustedServices(role), "codebuild.amazonaws.com"));
}

TEST(WorkloadCfn, CodeBuildSecretsByType) {
  LoadResult r = Load(FixturePath("CodeBuildOkStack.template.json"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "CodeBuildOkStack/Tests");
  ASSERT_EQ(w.env.size(), 1u);
  EXPECT_EQ(w.env[0].name, "NODE_ENV");
  ASSERT_EQ(w.secrets.size(), 2u);
  EXPECT_EQ(w.secrets[0].name, "NPM_TOKEN");
  EXPECT_EQ(w.secrets[0].value_from.value_or(""), "/orders/ci/npm-token");
  EXPECT_EQ(w.secrets[1].name, "SIGNING_KEY");
  EXPECT_TRUE(w.secrets[1].value_from.unknown()) << "a Ref of the secret";
}

// ---- SAM ---------------------------------------------------------------------------------

TEST(WorkloadCfn, SamFunctionWithoutRoleGetsTheRoleSamCreates) {
  const std::string path = FixturePath("sam-functions.yaml");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.workloads.size(), 2u);
  const Workload& w = FindWorkload(s, "ProcessOrder");
  EXPECT_EQ(w.platform, Platform::kLambda);
  EXPECT_EQ(w.name.value_or(""), "orders-dev-process");
  ASSERT_EQ(RoleName(s, w.runtime_role), "ProcessOrderRole");
  EXPECT_EQ(w.runtime_role.loc.line, LineOf(path, "ProcessOrder:"));
  const Role& role = s.roles[static_cast<size_t>(w.runtime_role.role)];
  EXPECT_EQ(TrustedServices(role), std::vector<std::string>{"lambda.amazonaws.com"});
  EXPECT_FALSE(role.grants_complete) << "a policy template SAM fills in";
  std::vector<std::string> arns;
  bool template_unknown = false;
  for (const auto& g : role.grants) {
    const Policy& p = PolicyOf(s, g.policy);
    arns.push_back(p.arn.value_or(""));
    if (p.display.find("DynamoDBCrudPolicy") != std::string::npos) {
      template_unknown = p.document.unknown();
      EXPECT_EQ(g.loc.line, LineOf(path, "DynamoDBCrudPolicy"));
    }
  }
  EXPECT_TRUE(Has(arns, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
  EXPECT_TRUE(Has(arns, "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"));
  EXPECT_TRUE(template_unknown);
  const std::vector<std::string> actions = GrantedActions(s, role);
  EXPECT_TRUE(Has(actions, "secretsmanager:GetSecretValue")) << "the inline statement";
  EXPECT_TRUE(Has(actions, "logs:PutLogEvents")) << "AWSLambdaBasicExecutionRole, bundled";
  // Globals merge in; the function's own LOG_LEVEL wins.
  const EnvVar* stage = FindEnv(w.env, "STAGE");
  ASSERT_NE(stage, nullptr);
  EXPECT_EQ(stage->value, "dev");
  EXPECT_EQ(stage->loc.pointer, "/Globals/Function/Environment/Variables/STAGE");
  EXPECT_EQ(stage->loc.line, LineOf(path, "STAGE:"));
  const EnvVar* level = FindEnv(w.env, "LOG_LEVEL");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ(level->value, "DEBUG");
  EXPECT_EQ(level->loc.line, LineOf(path, "LOG_LEVEL: DEBUG"));
  EXPECT_EQ(std::count_if(w.env.begin(), w.env.end(),
                          [](const EnvVar& e) { return e.name == "LOG_LEVEL"; }),
            1);
  const EnvVar* key = FindEnv(w.env, "PARTNER_KEY_ARN");
  ASSERT_NE(key, nullptr);
  EXPECT_FALSE(key->value_known) << "a parameter without default";
}

TEST(WorkloadCfn, SamFunctionWithItsOwnRole) {
  LoadResult r = Load(FixturePath("sam-functions.yaml"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "NotifyCustomer");
  ASSERT_EQ(RoleName(s, w.runtime_role), "NotifyRole");
  const Role& role = s.roles[static_cast<size_t>(w.runtime_role.role)];
  EXPECT_EQ(TrustedServices(role), std::vector<std::string>{"ecs-tasks.amazonaws.com"});
  // No role is created for it, and its Policies (ignored by SAM with a Role) grant nothing.
  for (const auto& role_in_scope : s.roles) EXPECT_NE(role_in_scope.display, "NotifyCustomerRole");
  EXPECT_EQ(role.grants.size(), 1u);
  EXPECT_EQ(FindEnv(w.env, "STAGE")->value, "dev") << "Globals apply to it too";
}

// ---- hand-written templates: what the CDK never writes -----------------------------------

class WorkloadCfnInput : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::ScratchDir("workload_cfn"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& text, const std::string& name = "template.yaml") {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  std::filesystem::path dir_;
};

TEST_F(WorkloadCfnInput, UnknownRolesProfilesAndDefinitions) {
  const std::string path = Write(R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  TaskRole:
    Type: String
  UseSidecar:
    Type: String
Conditions:
  Sidecar: !Equals [!Ref UseSidecar, "yes"]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !Ref TaskRole
      ExecutionRoleArn: !ImportValue shared-execution-role
      ContainerDefinitions:
        - Name: app
          Image: nginx
          Environment: !If [Sidecar, [], [{Name: A, Value: b}]]
        - !If [Sidecar, {Name: sidecar, Image: envoy}, !Ref AWS::NoValue]
  External:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: !If [Sidecar, [EC2], [FARGATE]]
      TaskRoleArn: arn:aws:iam::210987654321:role/made-elsewhere
      ContainerDefinitions: !If [Sidecar, [], []]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Missing.Arn
      Environment:
        Variables: !If [Sidecar, {A: b}, {A: c}]
  Box:
    Type: AWS::EC2::Instance
    Properties:
      IamInstanceProfile: console-made-profile
  Later:
    Type: AWS::EC2::Instance
    Properties:
      IamInstanceProfile: !ImportValue profile-name
  Bare:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
  Build:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: codebuild-shared
      Environment:
        EnvironmentVariables:
          - Name: TOKEN
            Type: !If [Sidecar, PLAINTEXT, PARAMETER_STORE]
            Value: abc
          - Name: SECRET
            Type: SECRETS_MANAGER
            Value: !Ref TaskRole
)");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  const Workload& task = FindWorkload(s, "Task");
  EXPECT_EQ(task.runtime_role.state, RState::kUnknown);
  EXPECT_EQ(task.runtime_role.loc.line, 13u);
  EXPECT_EQ(task.platform_role.state, RState::kUnknown);
  EXPECT_FALSE(task.definition_known);
  ASSERT_EQ(task.containers.size(), 1u) << "the conditional container is not invented";
  EXPECT_EQ(task.containers[0].loc.line, 16u);
  EXPECT_TRUE(task.containers[0].env.empty());
  const Workload& ext = FindWorkload(s, "External");
  EXPECT_EQ(ext.runtime_role.state, RState::kExternal);
  EXPECT_EQ(ext.runtime_role.arn, "arn:aws:iam::210987654321:role/made-elsewhere");
  EXPECT_EQ(ext.platform_role.state, RState::kAbsent);
  EXPECT_FALSE(ext.definition_known);
  EXPECT_TRUE(ext.fargate.unknown()) << "launch types chosen by a condition";
  EXPECT_TRUE(task.fargate.known() && !task.fargate.value()) << "none listed: EC2 only";
  const Workload& fn = FindWorkload(s, "Fn");
  EXPECT_EQ(fn.runtime_role.state, RState::kUnknown);
  EXPECT_FALSE(fn.definition_known);
  EXPECT_TRUE(fn.env.empty());
  const Workload& box = FindWorkload(s, "Box");
  EXPECT_EQ(box.instance_profile.state, PState::kExternal);
  EXPECT_EQ(box.instance_profile.name_or_arn, "console-made-profile");
  EXPECT_EQ(box.runtime_role.state, RState::kUnknown) << "the profile's role is not shown";
  EXPECT_EQ(box.runtime_role.loc.line, 35u);
  EXPECT_EQ(FindWorkload(s, "Later").instance_profile.state, PState::kUnknown);
  EXPECT_EQ(FindWorkload(s, "Later").runtime_role.state, RState::kUnknown);
  EXPECT_EQ(FindWorkload(s, "Bare").instance_profile.state, PState::kAbsent);
  EXPECT_EQ(FindWorkload(s, "Bare").runtime_role.state, RState::kAbsent);
  EXPECT_TRUE(FindWorkload(s, "Bare").name.absent());
  const Workload& build = FindWorkload(s, "Build");
  EXPECT_EQ(build.runtime_role.state, RState::kExternal);
  EXPECT_EQ(build.runtime_role.arn, "codebuild-shared");
  ASSERT_EQ(build.env.size(), 1u);
  EXPECT_FALSE(build.env[0].value_known) << "a variable of unknown type is not plain text";
  EXPECT_EQ(build.env[0].loc.line, 50u);
  ASSERT_EQ(build.secrets.size(), 1u);
  EXPECT_TRUE(build.secrets[0].value_from.unknown());
  EXPECT_EQ(build.secrets[0].loc.line, 53u);
}

TEST_F(WorkloadCfnInput, ProfilesByNameAndRolesNamedAsProfiles) {
  const std::string path = Write(R"({
  "Resources": {
    "AppRole": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app",
      "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
        "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
    "Profile": {"Type": "AWS::IAM::InstanceProfile",
      "Properties": {"InstanceProfileName": "app-profile", "Roles": [{"Ref": "AppRole"}]}},
    "ByName": {"Type": "AWS::EC2::Instance", "Properties": {"IamInstanceProfile": "app-profile"}},
    "ByRole": {"Type": "AWS::EC2::Instance",
      "Properties": {"IamInstanceProfile": {"Ref": "AppRole"}}},
    "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData":
      {"IamInstanceProfile": {"Arn": {"Fn::GetAtt": ["AppRole", "Arn"]}}}}},
    "LtName": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData":
      {"IamInstanceProfile": {"Name": {"Ref": "Profile"}}}}}
  }
})",
                                 "template.json");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.instance_profiles.size(), 1u);
  EXPECT_EQ(s.instance_profiles[0].name.value_or(""), "app-profile");
  EXPECT_EQ(s.instance_profiles[0].role.loc.line, 7u);
  EXPECT_EQ(RoleName(s, FindWorkload(s, "ByName").runtime_role), "AppRole");
  EXPECT_EQ(FindWorkload(s, "ByName").instance_profile.state, PState::kResolved);
  const Workload& by_role = FindWorkload(s, "ByRole");
  EXPECT_EQ(by_role.instance_profile.state, PState::kRole);
  EXPECT_EQ(by_role.instance_profile.role, 0);
  EXPECT_EQ(by_role.instance_profile.loc.line, 10u);
  const Workload& lt = FindWorkload(s, "Lt");
  EXPECT_EQ(lt.instance_profile.state, PState::kRole);
  EXPECT_EQ(lt.instance_profile.loc.line, 12u);
  EXPECT_EQ(lt.runtime_role.state, RState::kAbsent);
  EXPECT_EQ(RoleName(s, FindWorkload(s, "LtName").runtime_role), "AppRole");
}

TEST_F(WorkloadCfnInput, SamResourcesCountOnlyWithTheTransform) {
  const std::string body = R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Tracing: Active
      Policies: AWSLambdaVPCAccessExecutionRole
)";
  LoadResult without = Load(Write(body, "plain.yaml"));
  EXPECT_TRUE(OnlyScope(without).workloads.empty());
  EXPECT_TRUE(OnlyScope(without).roles.empty());
  LoadResult with = Load(Write("Transform: [AWS::Serverless-2016-10-31]\n" + body, "sam.yaml"));
  const Scope& s = OnlyScope(with);
  ASSERT_EQ(s.workloads.size(), 1u);
  ASSERT_EQ(RoleName(s, s.workloads[0].runtime_role), "FnRole");
  const Role& role = s.roles[static_cast<size_t>(s.workloads[0].runtime_role.role)];
  EXPECT_TRUE(role.grants_complete) << "every grant is one SAM writes and iamlint reads";
  std::vector<std::string> arns;
  for (const auto& g : role.grants) arns.push_back(PolicyOf(s, g.policy).arn.value_or(""));
  EXPECT_TRUE(Has(arns, "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"));
  EXPECT_TRUE(Has(arns, "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"))
      << "a managed policy by name, with its path";
}

// Wrong types: a located error or nothing read -- never a crash, nothing invented.
TEST_F(WorkloadCfnInput, HostileShapes) {
  const std::string path = Write(R"(Transform: AWS::Serverless-2016-10-31
Globals:
  Function: 7
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: [1, 2]
      ContainerDefinitions:
        - 7
        - Name: [x]
          Image: {a: b}
          Environment: {A: b}
          Secrets: [{Name: S}, 3]
          LogConfiguration: awslogs
          RepositoryCredentials: []
  Task2:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions: "[]"
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: {}
      Environment: [A]
  Sam:
    Type: AWS::Serverless::Function
    Properties:
      Policies: [[x], {}, 3]
      Events: [x]
      Environment: {Variables: [1]}
  Box:
    Type: AWS::EC2::Instance
    Properties:
      IamInstanceProfile: {a: b}
      Tags: x
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: {IamInstanceProfile: "name"}
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: x
  Build:
    Type: AWS::CodeBuild::Project
    Properties:
      Environment:
        EnvironmentVariables: {Name: A}
)");
  LoadResult r = LoadPaths({path}, LoadOptions());
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  for (const auto& e : r.errors) {
    EXPECT_EQ(e.file, path);
    EXPECT_GT(e.line, 0u) << e.message;
    EXPECT_EQ(e.pointer.rfind("/Resources/", 0), 0u) << e.pointer;
  }
  auto error_at = [&](const std::string& pointer) {
    return std::any_of(r.errors.begin(), r.errors.end(),
                       [&](const LoadError& e) { return e.pointer == pointer; });
  };
  EXPECT_TRUE(error_at("/Resources/Task/Properties/ContainerDefinitions/0"));
  EXPECT_TRUE(error_at("/Resources/Task/Properties/ContainerDefinitions/1/Environment"));
  EXPECT_TRUE(error_at("/Resources/Task2/Properties/ContainerDefinitions"));
  EXPECT_TRUE(error_at("/Resources/Fn/Properties/Environment"));
  EXPECT_TRUE(error_at("/Resources/Sam/Properties/Policies/0"));
  EXPECT_TRUE(error_at("/Resources/Profile/Properties/Roles"));
  EXPECT_TRUE(error_at("/Resources/Build/Properties/Environment/EnvironmentVariables"));
  EXPECT_TRUE(error_at("/Resources/Lt/Properties/LaunchTemplateData/IamInstanceProfile"));
  const Workload& task = FindWorkload(s, "Task");
  EXPECT_FALSE(task.definition_known);
  EXPECT_EQ(task.runtime_role.state, RState::kUnknown);
  ASSERT_EQ(task.containers.size(), 1u);
  const Container& c = task.containers[0];
  EXPECT_EQ(c.name, "");
  EXPECT_TRUE(c.image.unknown());
  EXPECT_TRUE(c.env.empty());
  ASSERT_EQ(c.secrets.size(), 1u);
  EXPECT_TRUE(c.secrets[0].value_from.unknown());
  EXPECT_TRUE(c.log_driver.unknown());
  EXPECT_TRUE(c.repository_credentials.unknown());
  EXPECT_FALSE(FindWorkload(s, "Task2").definition_known);
  EXPECT_FALSE(FindWorkload(s, "Fn").definition_known);
  const Workload& sam = FindWorkload(s, "Sam");
  EXPECT_FALSE(sam.definition_known);
  ASSERT_EQ(RoleName(s, sam.runtime_role), "SamRole");
  EXPECT_FALSE(s.roles[static_cast<size_t>(sam.runtime_role.role)].grants_complete);
  EXPECT_EQ(FindWorkload(s, "Box").instance_profile.state, PState::kUnknown);
  EXPECT_TRUE(FindWorkload(s, "Box").name.unknown());
  EXPECT_EQ(FindWorkload(s, "Lt").instance_profile.state, PState::kUnknown);
  EXPECT_EQ(s.instance_profiles[0].role.state, RState::kUnknown);
  EXPECT_FALSE(FindWorkload(s, "Build").definition_known);
  // The binary reports them as input errors (exit 2), and does not crash.
  const testing::RunResult run = testing::RunIamlint({"check", path});
  EXPECT_EQ(run.signal, 0);
  EXPECT_EQ(run.exit_code, 2) << run.err;
}

}  // namespace
}  // namespace iamlint
