// The Terraform plan loader's workloads (issue 14): ECS task definitions with their
// containers, Lambda functions, EC2 instances and launch templates with their instance
// profiles, CodeBuild projects -- read from real plans (fixtures/plans/, made by
// fixtures/tf/generate.sh) and from their .tf folders, which must give the same model; and
// from small hand-written plans for what real Terraform rarely shows (unknown values, text
// that is not JSON).
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

const char* kScenarios[] = {
    "ecs-permissions-on-execution-role",
    "ecs-task-role-ok",
    "ecs-wrong-trust",
    "ecs-secrets-not-allowed",
    "ecs-secrets-ok",
    "ecs-keys-in-env",
    "ecs-shared-role",
    "lambda-wrong-trust",
    "lambda-keys-in-env",
    "lambda-reserved-env",
    "lambda-ok",
    "ec2-profile-wrong-trust",
    "ec2-role-as-profile",
    "ec2-ok",
    "codebuild-wrong-trust",
    "codebuild-plaintext-keys",
    "codebuild-ok",
};

std::string PlanPath(const std::string& name) {
  return testing::SourcePath("fixtures/plans/" + name + ".plan.json");
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

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string StateText(RState s) {
  switch (s) {
    case RState::kAbsent:
      return "absent";
    case RState::kUnknown:
      return "unknown";
    case RState::kResolved:
      return "resolved";
    case RState::kExternal:
      return "external";
  }
  return "?";
}

std::string KnownText(const Known<std::string>& k) {
  if (k.known()) return "=" + k.value();
  return k.absent() ? "(absent)" : "(unknown)";
}

std::string RoleText(const Scope& s, const RoleRef& r) {
  return StateText(r.state) + ":" + RoleName(s, r) + (r.state == RState::kExternal ? r.arn : "");
}

/// The variables, one line each, sorted: the AWS provider writes a container's
/// `environment` sorted by name, the source keeps the order as written.
void EnvText(const std::vector<EnvVar>& env, std::ostringstream* out) {
  std::vector<std::string> lines;
  for (const auto& e : env) {
    lines.push_back("  env " + e.name + (e.value_known ? "=" + e.value : " (unknown)") + " from '" +
                    e.source_reference + "'\n");
  }
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) *out << l;
}

void SecretsText(const std::vector<SecretRef>& secrets, std::ostringstream* out) {
  for (const auto& sr : secrets) *out << "  secret " << sr.name << KnownText(sr.value_from) << "\n";
}

/// Everything the loader says about the scope's workloads and instance profiles, but where
/// it is written: the two front doors (plan, .tf folder) must agree on it.
std::string Summary(const Scope& s) {
  std::ostringstream out;
  for (const auto& p : s.instance_profiles) {
    out << "profile " << p.display << " name" << KnownText(p.name) << " role "
        << RoleText(s, p.role) << "\n";
  }
  for (const auto& w : s.workloads) {
    out << PlatformName(w.platform) << " " << w.display << " name" << KnownText(w.name)
        << " runtime " << RoleText(s, w.runtime_role) << " platform "
        << RoleText(s, w.platform_role) << " profile " << static_cast<int>(w.instance_profile.state)
        << ":" << w.instance_profile.profile << ":" << w.instance_profile.role << ":"
        << w.instance_profile.name_or_arn << " known=" << w.definition_known << "\n";
    EnvText(w.env, &out);
    SecretsText(w.secrets, &out);
    for (const auto& c : w.containers) {
      out << "  container " << c.name << " image" << KnownText(c.image) << " log"
          << KnownText(c.log_driver) << " creds" << KnownText(c.repository_credentials) << "\n";
      for (const auto& [k, v] : c.log_options) out << "    log " << k << "=" << v << "\n";
      EnvText(c.env, &out);
      SecretsText(c.secrets, &out);
    }
  }
  return out.str();
}

// ---- the real plans ------------------------------------------------------------------------

TEST(WorkloadPlan, EcsDataPermissionsOnTheExecutionRoleAndNoTaskRole) {
  const std::string path = PlanPath("ecs-permissions-on-execution-role");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.workloads.size(), 1u);
  const Workload& w = FindWorkload(s, "aws_ecs_task_definition.worker");
  EXPECT_EQ(w.platform, Platform::kEcs);
  EXPECT_EQ(w.name.value_or(""), "orders-worker");
  EXPECT_TRUE(w.arn.unknown());
  EXPECT_EQ(w.runtime_role.state, RState::kAbsent) << "no task_role_arn";
  EXPECT_EQ(RoleName(s, w.platform_role), "aws_iam_role.execution");
  // The role's ARN is unknown at plan time: it is linked through the configuration, and the
  // reference is located at the task definition.
  EXPECT_EQ(w.platform_role.loc.file, path);
  EXPECT_GT(w.platform_role.loc.line, 0u);
  ASSERT_TRUE(w.definition_known);
  ASSERT_EQ(w.containers.size(), 1u);
  const Container& c = w.containers[0];
  EXPECT_EQ(c.name, "orders-worker");
  EXPECT_EQ(c.image.value_or(""),
            "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/orders-worker:1.4.2");
  EXPECT_EQ(c.log_driver.value_or(""), "awslogs");
  EXPECT_NE(
      std::find(c.log_options.begin(), c.log_options.end(),
                std::make_pair(std::string("awslogs-group"), std::string("/ecs/orders-worker"))),
      c.log_options.end());
  EXPECT_TRUE(c.repository_credentials.absent());
  EXPECT_TRUE(c.secrets.empty());
  ASSERT_EQ(c.env.size(), 2u);
  // The provider writes the definitions normalised (environment sorted by name).
  EXPECT_EQ(c.env[0].name, "QUEUE_URL");
  EXPECT_EQ(c.env[0].value, "https://sqs.ap-northeast-1.amazonaws.com/123456789012/orders-dev");
  EXPECT_EQ(c.env[1].name, "TABLE_NAME");
  EXPECT_TRUE(c.env[1].value_known);
  // Each at its own pointer into the JSON text, on the attribute's line.
  EXPECT_TRUE(EndsWith(c.loc.pointer, "/values/container_definitions/0")) << c.loc.pointer;
  EXPECT_TRUE(EndsWith(c.env[1].loc.pointer, "/values/container_definitions/0/environment/1"))
      << c.env[1].loc.pointer;
  EXPECT_EQ(c.env[1].loc.file, path);
  EXPECT_GT(c.env[1].loc.line, 0u);
  // The data permissions are on the execution role (the rules' evidence).
  const Role& exec = s.roles[static_cast<size_t>(w.platform_role.role)];
  EXPECT_EQ(exec.grants.size(), 2u);
}

TEST(WorkloadPlan, EcsBothRolesAndAContainerDefinitionKnownOnlyAtApply) {
  LoadResult r = Load(PlanPath("ecs-task-role-ok"));
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.workloads.size(), 2u);
  const Workload& worker = FindWorkload(s, "aws_ecs_task_definition.worker");
  EXPECT_EQ(RoleName(s, worker.runtime_role), "aws_iam_role.task");
  EXPECT_EQ(RoleName(s, worker.platform_role), "aws_iam_role.execution");
  ASSERT_TRUE(worker.definition_known);
  ASSERT_EQ(worker.containers.size(), 1u);
  EXPECT_EQ(worker.containers[0].env.size(), 3u);
  const EnvVar* port = FindEnv(worker.containers[0].env, "PORT");
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port->value, "8080");
  // The batch job's image comes from an ECR repository made by this plan: the whole text is
  // unknown until apply, so nothing is known about its containers -- and nothing guessed.
  const Workload& job = FindWorkload(s, "aws_ecs_task_definition.reconcile");
  EXPECT_FALSE(job.definition_known);
  EXPECT_TRUE(job.containers.empty());
  EXPECT_EQ(RoleName(s, job.runtime_role), "aws_iam_role.task");
  EXPECT_EQ(RoleName(s, job.platform_role), "aws_iam_role.execution");
}

TEST(WorkloadPlan, EcsTaskRoleWithTheWrongTrustIsStillTheTaskRole) {
  LoadResult r = Load(PlanPath("ecs-wrong-trust"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "aws_ecs_task_definition.api");
  EXPECT_EQ(RoleName(s, w.runtime_role), "aws_iam_role.task");
  EXPECT_EQ(RoleName(s, w.platform_role), "aws_iam_role.execution");
  EXPECT_NE(w.runtime_role.role, w.platform_role.role);
  EXPECT_TRUE(s.roles[static_cast<size_t>(w.runtime_role.role)].trust.known());
}

TEST(WorkloadPlan, EcsSecretsByReferenceAreSecretsNotEnvironment) {
  const std::string path = PlanPath("ecs-secrets-not-allowed");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "aws_ecs_task_definition.api");
  ASSERT_EQ(w.containers.size(), 1u);
  const Container& c = w.containers[0];
  EXPECT_EQ(c.env.size(), 2u);
  EXPECT_EQ(FindEnv(c.env, "DB_PASSWORD"), nullptr);
  ASSERT_EQ(c.secrets.size(), 2u);
  EXPECT_EQ(c.secrets[0].name, "DB_PASSWORD");
  EXPECT_EQ(c.secrets[0].value_from.value_or(""),
            "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:catalog/dev/"
            "db-password-Xy12Ab");
  EXPECT_EQ(c.secrets[1].name, "SEARCH_API_TOKEN");
  EXPECT_EQ(c.secrets[1].value_from.value_or(""),
            "arn:aws:ssm:ap-northeast-1:123456789012:parameter/catalog/dev/search-api-token");
  EXPECT_TRUE(EndsWith(c.secrets[1].loc.pointer, "/container_definitions/0/secrets/1"))
      << c.secrets[1].loc.pointer;
  EXPECT_EQ(c.secrets[1].loc.file, path);
  EXPECT_EQ(RoleName(s, w.platform_role), "aws_iam_role.execution");
}

TEST(WorkloadPlan, EcsRepositoryCredentialsOfASidecar) {
  LoadResult r = Load(PlanPath("ecs-secrets-ok"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "aws_ecs_task_definition.api");
  ASSERT_EQ(w.containers.size(), 2u);
  const Container* metrics = nullptr;
  for (const auto& c : w.containers) {
    if (c.name == "metrics") metrics = &c;
  }
  ASSERT_NE(metrics, nullptr);
  EXPECT_EQ(metrics->image.value_or(""), "registry.example.com/observability/metrics-agent:2.1");
  EXPECT_EQ(metrics->repository_credentials.value_or(""),
            "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:catalog/dev/"
            "registry-login-Qw34Er");
  EXPECT_NE(w.containers[0].loc.pointer, w.containers[1].loc.pointer);
  // The execution role holds both its managed policy and the secrets policy.
  const Role& exec = s.roles[static_cast<size_t>(w.platform_role.role)];
  EXPECT_EQ(exec.grants.size(), 2u);
}

TEST(WorkloadPlan, EcsKeysInContainerEnvironmentAreKnownValues) {
  LoadResult r = Load(PlanPath("ecs-keys-in-env"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "aws_ecs_task_definition.exporter");
  EXPECT_EQ(w.runtime_role.state, RState::kAbsent);
  ASSERT_EQ(w.containers.size(), 1u);
  const EnvVar* id = FindEnv(w.containers[0].env, "AWS_ACCESS_KEY_ID");
  const EnvVar* secret = FindEnv(w.containers[0].env, "AWS_SECRET_ACCESS_KEY");
  ASSERT_NE(id, nullptr);
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(id->value, "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(secret->value, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  EXPECT_NE(id->loc.pointer, secret->loc.pointer);
}

TEST(WorkloadPlan, EcsOneRoleForBothJobs) {
  LoadResult r = Load(PlanPath("ecs-shared-role"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "aws_ecs_task_definition.notifier");
  EXPECT_EQ(RoleName(s, w.runtime_role), "aws_iam_role.ecs");
  EXPECT_EQ(w.runtime_role.role, w.platform_role.role);
}

TEST(WorkloadPlan, LambdaRoleAndEnvironment) {
  const std::string path = PlanPath("lambda-ok");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.workloads.size(), 1u);
  const Workload& w = FindWorkload(s, "aws_lambda_function.thumbnailer");
  EXPECT_EQ(w.platform, Platform::kLambda);
  EXPECT_EQ(w.name.value_or(""), "thumbnailer");
  EXPECT_EQ(RoleName(s, w.runtime_role), "aws_iam_role.lambda");
  EXPECT_EQ(w.platform_role.state, RState::kAbsent);
  EXPECT_TRUE(w.definition_known);
  ASSERT_EQ(w.env.size(), 4u);
  const EnvVar* sizes = FindEnv(w.env, "SIZES");
  ASSERT_NE(sizes, nullptr);
  EXPECT_EQ(sizes->value, "128,512,1024");
  EXPECT_TRUE(EndsWith(sizes->loc.pointer, "/values/environment/0/variables/SIZES"))
      << sizes->loc.pointer;
  EXPECT_EQ(sizes->loc.file, path);
  EXPECT_GT(sizes->loc.line, 0u);
}

TEST(WorkloadPlan, LambdaWrongTrustAndReservedNames) {
  LoadResult r = Load(PlanPath("lambda-wrong-trust"));
  const Scope& s = OnlyScope(r);
  EXPECT_EQ(RoleName(s, FindWorkload(s, "aws_lambda_function.mailer").runtime_role),
            "aws_iam_role.mailer");
  LoadResult reserved = Load(PlanPath("lambda-reserved-env"));
  const Scope& rs = OnlyScope(reserved);
  const EnvVar* region = FindEnv(FindWorkload(rs, "aws_lambda_function.webhook").env, "AWS_REGION");
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->value, "ap-northeast-1");
}

TEST(WorkloadPlan, LambdaKeysPastedInAndKeysKnownOnlyAtApply) {
  LoadResult r = Load(PlanPath("lambda-keys-in-env"));
  const Scope& s = OnlyScope(r);
  const Workload& sync = FindWorkload(s, "aws_lambda_function.sync");
  EXPECT_TRUE(sync.definition_known);
  const EnvVar* key = FindEnv(sync.env, "PARTNER_ACCESS_KEY_ID");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->value, "AKIAIOSFODNN7EXAMPLE");
  // The access key made by this plan: unknown (and sensitive) at plan time. What is unknown
  // stays so, and the configuration tells where the values come from.
  const Workload& archive = FindWorkload(s, "aws_lambda_function.archive");
  EXPECT_FALSE(archive.definition_known) << "Terraform plans the whole map as unknown";
  std::vector<std::string> sources;
  for (const auto& e : archive.env) {
    if (e.value_known) continue;
    EXPECT_TRUE(e.value.empty());
    sources.push_back(e.source_reference);
  }
  std::sort(sources.begin(), sources.end());
  EXPECT_EQ(sources, (std::vector<std::string>{"aws_iam_access_key.archiver.id",
                                               "aws_iam_access_key.archiver.secret"}));
}

TEST(WorkloadPlan, Ec2InstanceAndLaunchTemplateRunAsTheProfilesRole) {
  LoadResult r = Load(PlanPath("ec2-ok"));
  const Scope& s = OnlyScope(r);
  ASSERT_EQ(s.instance_profiles.size(), 1u);
  const InstanceProfile& p = s.instance_profiles[0];
  EXPECT_EQ(p.display, "aws_iam_instance_profile.app");
  EXPECT_EQ(p.name.value_or(""), "shop-app-ec2");
  EXPECT_EQ(RoleName(s, p.role), "aws_iam_role.app");
  const Workload& bastion = FindWorkload(s, "aws_instance.bastion");
  EXPECT_EQ(bastion.platform, Platform::kEc2);
  EXPECT_FALSE(bastion.launch_template);
  EXPECT_STREQ(WorkloadNoun(bastion), "EC2 instance");
  EXPECT_EQ(bastion.name.value_or(""), "shop-app-bastion");
  EXPECT_EQ(bastion.instance_profile.state, PState::kResolved);
  EXPECT_EQ(bastion.instance_profile.profile, 0);
  EXPECT_EQ(bastion.instance_profile.name_or_arn, "shop-app-ec2");
  EXPECT_EQ(RoleName(s, bastion.runtime_role), "aws_iam_role.app");
  // The template names the profile by ARN, unknown at plan time: linked by reference.
  const Workload& lt = FindWorkload(s, "aws_launch_template.app");
  EXPECT_TRUE(lt.launch_template);
  EXPECT_STREQ(WorkloadNoun(lt), "EC2 launch template");
  EXPECT_EQ(lt.instance_profile.state, PState::kResolved);
  EXPECT_EQ(lt.instance_profile.profile, 0);
  EXPECT_EQ(RoleName(s, lt.runtime_role), "aws_iam_role.app");
  EXPECT_TRUE(lt.name.unknown()) << "name_prefix";
}

TEST(WorkloadPlan, Ec2ProfileWhoseRoleTrustsAnotherService) {
  LoadResult r = Load(PlanPath("ec2-profile-wrong-trust"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "aws_instance.worker");
  EXPECT_EQ(w.instance_profile.state, PState::kResolved);
  EXPECT_EQ(RoleName(s, w.runtime_role), "aws_iam_role.render");
}

TEST(WorkloadPlan, Ec2RoleNamedWhereAProfileIsExpected) {
  const std::string path = PlanPath("ec2-role-as-profile");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  EXPECT_TRUE(s.instance_profiles.empty());
  const Workload& in = FindWorkload(s, "aws_instance.runner");
  ASSERT_EQ(in.instance_profile.state, PState::kRole);
  EXPECT_EQ(s.roles.at(static_cast<size_t>(in.instance_profile.role)).display,
            "aws_iam_role.runner");
  EXPECT_EQ(in.instance_profile.name_or_arn, "ci-runner-role");
  EXPECT_TRUE(EndsWith(in.instance_profile.loc.pointer, "/values/iam_instance_profile"))
      << in.instance_profile.loc.pointer;
  EXPECT_EQ(in.runtime_role.state, RState::kAbsent) << "AWS refuses the name: no role at all";
  // The template's `arn = aws_iam_role.runner.arn` is unknown at plan time.
  const Workload& lt = FindWorkload(s, "aws_launch_template.runner");
  ASSERT_EQ(lt.instance_profile.state, PState::kRole);
  EXPECT_EQ(lt.instance_profile.role, in.instance_profile.role);
  EXPECT_TRUE(lt.instance_profile.name_or_arn.empty());
  EXPECT_EQ(lt.name.value_or(""), "ci-runner-spot");
}

TEST(WorkloadPlan, CodeBuildPlainVariablesAndSecretsByType) {
  const std::string path = PlanPath("codebuild-ok");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "aws_codebuild_project.web");
  EXPECT_EQ(w.platform, Platform::kCodeBuild);
  EXPECT_EQ(RoleName(s, w.runtime_role), "aws_iam_role.codebuild");
  ASSERT_EQ(w.env.size(), 1u);
  EXPECT_EQ(w.env[0].name, "NODE_ENV");
  EXPECT_EQ(w.env[0].value, "production");
  ASSERT_EQ(w.secrets.size(), 2u);
  EXPECT_EQ(w.secrets[0].name, "NPM_TOKEN");
  EXPECT_EQ(w.secrets[0].value_from.value_or(""), "/web/dev/npm-token");
  EXPECT_EQ(w.secrets[1].name, "SIGNING_KEY");
  EXPECT_EQ(w.secrets[1].value_from.value_or(""), "web/dev/signing-key");
  EXPECT_TRUE(EndsWith(w.secrets[1].loc.pointer, "/values/environment/0/environment_variable/2"))
      << w.secrets[1].loc.pointer;
  EXPECT_EQ(w.secrets[1].loc.file, path);
}

TEST(WorkloadPlan, CodeBuildKeysInPlaintextAndARoleForAnotherService) {
  LoadResult r = Load(PlanPath("codebuild-plaintext-keys"));
  const Scope& s = OnlyScope(r);
  const Workload& w = FindWorkload(s, "aws_codebuild_project.deploy");
  EXPECT_TRUE(w.secrets.empty());
  ASSERT_EQ(w.env.size(), 3u);
  const EnvVar* secret = FindEnv(w.env, "AWS_SECRET_ACCESS_KEY");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->value, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  LoadResult wrong = Load(PlanPath("codebuild-wrong-trust"));
  const Scope& ws = OnlyScope(wrong);
  EXPECT_EQ(RoleName(ws, FindWorkload(ws, "aws_codebuild_project.tests").runtime_role),
            "aws_iam_role.pipeline");
}

// The source front door: each scenario's .tf folder, evaluated without Terraform, gives the
// same workloads as its real plan.
TEST(WorkloadPlan, SourceFoldersLoadTheSameWorkloadsAsTheirPlans) {
  for (const char* name : kScenarios) {
    SCOPED_TRACE(name);
    LoadResult plan = Load(PlanPath(name));
    LoadResult source = Load(testing::SourcePath(std::string("fixtures/tf/") + name));
    ASSERT_EQ(plan.model.scopes.size(), 1u);
    ASSERT_EQ(source.model.scopes.size(), 1u);
    // Both in their own order (a plan lists resources by address, the source by file).
    auto sorted = [](const std::string& text) {
      std::multiset<std::string> blocks;
      std::string cur;
      std::istringstream in(text);
      for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != ' ' && !cur.empty()) {
          blocks.insert(cur);
          cur.clear();
        }
        cur += line + "\n";
      }
      if (!cur.empty()) blocks.insert(cur);
      return blocks;
    };
    const auto want = sorted(Summary(plan.model.scopes[0]));
    EXPECT_FALSE(plan.model.scopes[0].workloads.empty());
    if (std::string(name) == "lambda-keys-in-env" || std::string(name) == "ecs-task-role-ok") {
      // Only the source knows: Terraform plans an environment map holding an access key's
      // secret, and a container definition holding a repository's URL, as wholly unknown;
      // the source still sees their other, literal parts.
      EXPECT_NE(sorted(Summary(source.model.scopes[0])), want);
      if (std::string(name) == "ecs-task-role-ok") {
        EXPECT_NE(Summary(source.model.scopes[0]).find("container reconcile image(unknown)"),
                  std::string::npos);
      }
    } else {
      EXPECT_EQ(sorted(Summary(source.model.scopes[0])), want);
    }
    // Locations point into the .tf files.
    for (const auto& w : source.model.scopes[0].workloads) {
      EXPECT_TRUE(EndsWith(w.loc.file, ".tf")) << w.display << " at " << w.loc.file;
      for (const auto& c : w.containers) {
        for (const auto& e : c.env) {
          EXPECT_TRUE(EndsWith(e.loc.file, ".tf")) << e.name;
          EXPECT_GT(e.loc.line, 0u) << e.name;
        }
      }
    }
  }
}

// ---- a .tf folder: container definitions known in part ---------------------------------

// jsonencode around values known only at apply: each such value is unknown, the rest of the
// definition is read; where an unknown part could be taken for "none" (a secret's name, the
// log configuration, the list of variables), nothing of the text is.
TEST(WorkloadSource, ContainerDefinitionsKnownInPart) {
  const auto dir = testing::ScratchDir("workload_source");
  std::ofstream(dir / "main.tf") << R"(
variable "log_configuration" {
  type = any
}
resource "aws_ecr_repository" "app" { name = "orders" }
resource "aws_secretsmanager_secret" "db" { name = "orders/prod/db" }
resource "aws_secretsmanager_secret" "prefixed" { name_prefix = "orders/prod/api-" }
resource "aws_ssm_parameter" "key" {
  name  = "/orders/prod/key"
  type  = "SecureString"
  value = "replace-me"
}
locals {
  image = "${aws_ecr_repository.app.repository_url}:1.0"
}
resource "aws_ecs_task_definition" "known_in_part" {
  family = "a"
  container_definitions = jsonencode([{
    name        = "api"
    image       = local.image
    environment = [{ name = "REPO", value = aws_ecr_repository.app.arn }, { name = "PORT", value = "8080" }]
    secrets = [
      { name = "DB", valueFrom = "${aws_secretsmanager_secret.db.arn}:password::" },
      { name = "API", valueFrom = aws_secretsmanager_secret.prefixed.arn },
      { name = "KEY", valueFrom = aws_ssm_parameter.key.arn },
    ]
    logConfiguration = { logDriver = "awslogs", options = { "awslogs-group" = "/ecs/a", "awslogs-region" = aws_ecr_repository.app.id } }
  }])
}
resource "aws_ecs_task_definition" "secret_name" {
  family                = "b"
  container_definitions = jsonencode([{ name = "api", image = "busybox", secrets = [{ name = aws_ecr_repository.app.arn, valueFrom = "/x" }] }])
}
resource "aws_ecs_task_definition" "log_configuration" {
  family                = "c"
  container_definitions = jsonencode([{ name = "api", image = local.image, logConfiguration = var.log_configuration }])
}
resource "aws_ecs_task_definition" "containers" {
  family                = "d"
  container_definitions = jsonencode([for n in [aws_ecr_repository.app.arn] : { name = n, image = "busybox" }])
}
)";
  LoadResult r = Load(dir.string());
  const Scope& s = OnlyScope(r);
  const Workload& a = FindWorkload(s, "aws_ecs_task_definition.known_in_part");
  EXPECT_TRUE(a.definition_known);
  ASSERT_EQ(a.containers.size(), 1u);
  const Container& c = a.containers[0];
  EXPECT_EQ(c.name, "api");
  EXPECT_TRUE(c.image.unknown());
  ASSERT_EQ(c.env.size(), 2u);
  for (const auto& e : c.env) EXPECT_EQ(e.value_known, e.name == "PORT") << e.name;
  ASSERT_EQ(c.secrets.size(), 3u);
  // Secrets Manager's six characters after the name; an SSM parameter's ARN has no slash
  // doubled; a name from name_prefix is not known, so neither is the ARN.
  EXPECT_EQ(c.secrets[0].value_from.value_or(""),
            "arn:aws:secretsmanager:*:*:secret:orders/prod/db-??????");
  EXPECT_TRUE(c.secrets[1].value_from.unknown());
  EXPECT_EQ(c.secrets[2].value_from.value_or(""), "arn:aws:ssm:*:*:parameter/orders/prod/key");
  EXPECT_EQ(c.log_driver.value_or(""), "awslogs");
  for (const auto& [k, v] : c.log_options) EXPECT_NE(k, "awslogs-region") << "unknown: " << v;
  EXPECT_EQ(c.secrets[0].loc.file, (dir / "main.tf").string());
  EXPECT_GT(c.secrets[0].loc.line, 0u);
  for (const char* hidden :
       {"aws_ecs_task_definition.secret_name", "aws_ecs_task_definition.log_configuration",
        "aws_ecs_task_definition.containers"}) {
    const Workload& w = FindWorkload(s, hidden);
    EXPECT_FALSE(w.definition_known) << hidden;
    EXPECT_TRUE(w.containers.empty()) << hidden;
  }
  std::filesystem::remove_all(dir);
}

// ---- hand-written plans: what real plans rarely show -----------------------------------

class WorkloadPlanInput : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::ScratchDir("workload_plan"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// A plan of the given planned resources and resource changes.
  std::string Write(const std::string& resources, const std::string& changes = "[]") {
    const std::string p = (dir_ / "plan.json").string();
    std::ofstream(p, std::ios::binary)
        << R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": )"
        << resources << R"(}}, "resource_changes": )" << changes << "}";
    return p;
  }

  std::filesystem::path dir_;
};

std::string Resource(const std::string& type, const std::string& name, const std::string& values) {
  return R"({"address": ")" + type + "." + name + R"(", "mode": "managed", "type": ")" + type +
         R"(", "name": ")" + name + R"(", "values": )" + values + "}";
}

std::string Change(const std::string& type, const std::string& name,
                   const std::string& after_unknown) {
  return R"({"address": ")" + type + "." + name + R"(", "mode": "managed", "type": ")" + type +
         R"(", "name": ")" + name + R"(", "change": {"actions": ["create"], "after": {},
         "after_unknown": )" +
         after_unknown + "}}";
}

TEST_F(WorkloadPlanInput, ContainerDefinitionsThatAreNotJsonAreALocatedError) {
  const std::string path =
      Write("[" +
            Resource("aws_ecs_task_definition", "bad",
                     R"({"family": "bad", "container_definitions": "[{\"name\": \"app\", "})") +
            "," +
            Resource("aws_ecs_task_definition", "object",
                     R"({"family": "object", "container_definitions": "{\"name\": \"app\"}"})") +
            "]");
  LoadResult r = LoadPaths({path}, LoadOptions());
  ASSERT_EQ(r.errors.size(), 2u);
  for (const auto& e : r.errors) {
    EXPECT_EQ(e.file, path);
    EXPECT_GT(e.line, 0u);
    EXPECT_TRUE(EndsWith(e.pointer, "/values/container_definitions")) << e.pointer;
  }
  EXPECT_NE(r.errors[0].message.find("not JSON"), std::string::npos) << r.errors[0].message;
  EXPECT_NE(r.errors[1].message.find("not a list"), std::string::npos) << r.errors[1].message;
  ASSERT_EQ(r.model.scopes.size(), 1u);
  for (const auto& w : r.model.scopes[0].workloads) {
    EXPECT_FALSE(w.definition_known) << w.display;
    EXPECT_TRUE(w.containers.empty());
  }
}

TEST_F(WorkloadPlanInput, RolesOutsideThePlanAndRolesKnownOnlyAtApply) {
  const std::string path =
      Write("[" +
                Resource("aws_ecs_task_definition", "t",
                         R"({"family": "t", "container_definitions": "[]",
                   "task_role_arn": "arn:aws:iam::123456789012:role/made-elsewhere"})") +
                "," + Resource("aws_lambda_function", "f", R"({"function_name": "f"})") + "]",
            "[" + Change("aws_ecs_task_definition", "t", R"({"execution_role_arn": true})") + "," +
                Change("aws_lambda_function", "f", R"({"role": true, "environment": true})") + "]");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  const Workload& t = FindWorkload(s, "aws_ecs_task_definition.t");
  EXPECT_EQ(t.runtime_role.state, RState::kExternal);
  EXPECT_EQ(t.runtime_role.arn, "arn:aws:iam::123456789012:role/made-elsewhere");
  EXPECT_TRUE(EndsWith(t.runtime_role.loc.pointer, "/values/task_role_arn"));
  EXPECT_EQ(t.platform_role.state, RState::kUnknown) << "unknown, no reference: no guess";
  EXPECT_TRUE(t.definition_known);
  EXPECT_TRUE(t.containers.empty());
  const Workload& f = FindWorkload(s, "aws_lambda_function.f");
  EXPECT_EQ(f.runtime_role.state, RState::kUnknown);
  EXPECT_FALSE(f.definition_known) << "the whole environment is known only at apply";
  EXPECT_TRUE(f.env.empty());
}

TEST_F(WorkloadPlanInput, ProfilesOutsideThePlanAndProfilesKnownOnlyAtApply) {
  const std::string path = Write(
      "[" + Resource("aws_instance", "named", R"({"iam_instance_profile": "console-made"})") + "," +
          Resource("aws_instance", "later", R"({"ami": "ami-1"})") + "," +
          Resource("aws_instance", "none", R"({"iam_instance_profile": null})") + "," +
          Resource("aws_launch_template", "lt",
                   R"({"name": "lt", "iam_instance_profile": [{"arn": "", "name": ""}]})") +
          "]",
      "[" + Change("aws_instance", "later", R"({"iam_instance_profile": true})") + "," +
          Change("aws_launch_template", "lt", R"({"iam_instance_profile": [{"arn": true}]})") +
          "]");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  const Workload& named = FindWorkload(s, "aws_instance.named");
  EXPECT_EQ(named.instance_profile.state, PState::kExternal);
  EXPECT_EQ(named.instance_profile.name_or_arn, "console-made");
  EXPECT_EQ(named.runtime_role.state, RState::kUnknown) << "the profile's role is not shown";
  EXPECT_EQ(FindWorkload(s, "aws_instance.later").instance_profile.state, PState::kUnknown);
  EXPECT_EQ(FindWorkload(s, "aws_instance.none").instance_profile.state, PState::kAbsent);
  EXPECT_EQ(FindWorkload(s, "aws_instance.none").runtime_role.state, RState::kAbsent);
  EXPECT_EQ(FindWorkload(s, "aws_launch_template.lt").instance_profile.state, PState::kUnknown);
}

TEST_F(WorkloadPlanInput, CodeBuildValuesAndTypesKnownOnlyAtApply) {
  const std::string path = Write(
      "[" + Resource("aws_codebuild_project", "p", R"({"name": "p", "environment": [{
              "environment_variable": [
                {"name": "TOKEN", "type": "PLAINTEXT"},
                {"name": "MAYBE", "value": "x"},
                {"name": "REF", "value": "/a/b", "type": "PARAMETER_STORE"}]}]})") +
          "]",
      "[" +
          Change(
              "aws_codebuild_project", "p",
              R"({"environment": [{"environment_variable": [{"value": true}, {"type": true}, {}]}]})") +
          "]");
  LoadResult r = Load(path);
  const Scope& s = OnlyScope(r);
  const Workload& p = FindWorkload(s, "aws_codebuild_project.p");
  ASSERT_EQ(p.env.size(), 2u);
  EXPECT_EQ(p.env[0].name, "TOKEN");
  EXPECT_FALSE(p.env[0].value_known);
  EXPECT_EQ(p.env[1].name, "MAYBE");
  EXPECT_FALSE(p.env[1].value_known) << "a variable of unknown type is not plain text";
  ASSERT_EQ(p.secrets.size(), 1u);
  EXPECT_EQ(p.secrets[0].value_from.value_or(""), "/a/b");
}

// Hostile container definitions: deep nesting, wrong shapes -- no crash, nothing invented.
TEST_F(WorkloadPlanInput, HostileContainerDefinitions) {
  std::string deep(5000, '[');
  const std::string path = Write(
      "[" +
      Resource("aws_ecs_task_definition", "deep",
               R"({"family": "d", "container_definitions": ")" + deep + R"("})") +
      "," +
      Resource("aws_ecs_task_definition", "shapes",
               std::string(R"({"family": "s", "container_definitions": )") +
                   R"("[7, {\"name\": 1, \"image\": [], \"environment\": {\"A\": \"b\"}, )" +
                   R"(\"secrets\": [{\"name\": \"S\"}, 3], \"logConfiguration\": \"awslogs\", )" +
                   R"(\"repositoryCredentials\": {}}]"})") +
      "]");
  LoadResult r = LoadPaths({path}, LoadOptions());
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  EXPECT_FALSE(FindWorkload(s, "aws_ecs_task_definition.deep").definition_known);
  const Workload& shapes = FindWorkload(s, "aws_ecs_task_definition.shapes");
  EXPECT_FALSE(shapes.definition_known) << "one definition is no object";
  ASSERT_EQ(shapes.containers.size(), 1u);
  const Container& c = shapes.containers[0];
  EXPECT_EQ(c.name, "1");
  EXPECT_TRUE(c.image.unknown());
  EXPECT_TRUE(c.env.empty());
  ASSERT_EQ(c.secrets.size(), 1u);
  EXPECT_TRUE(c.secrets[0].value_from.unknown());
  EXPECT_TRUE(c.log_driver.absent());
  EXPECT_TRUE(c.repository_credentials.absent());
  EXPECT_EQ(r.errors.size(), 2u);  // the deep text, and the definition that is a number
}

}  // namespace
}  // namespace iamlint
