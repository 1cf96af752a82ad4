// The workload rules (ECS, Lambda, EC2, CodeBuild) on models built here, for what the
// Terraform fixtures (fixtures/rules/<ID>/) do not show: secret references with JSON-key
// suffixes, bare parameter names in an unknown account, ECR hosts, launch types, a Deny on the
// task role, unknown and outside roles, names Lambda does not reserve.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "json/json.h"
#include "policy/parse.h"
#include "rules/rule.h"

namespace iamlint {
namespace {

using Platform = Workload::Platform;

Location At(size_t line) {
  Location loc;
  loc.file = "test.json";
  loc.line = line;
  return loc;
}

Known<PolicyDocument> Doc(const std::string& text) {
  json::Document d;
  json::ParseError err;
  EXPECT_TRUE(json::Parse(text, &d, &err)) << text;
  return Known<PolicyDocument>::Of(PolicyFromJson(d.root(), At(1), nullptr));
}

std::string Trust(const std::string& service) {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",)"
         R"("Principal":{"Service":")" +
         service + R"("}}]})";
}

std::string Allow(const std::string& actions, const std::string& resources,
                  const std::string& effect = "Allow") {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":")" + effect + R"(","Action":)" +
         actions + R"(,"Resource":)" + resources + "}]}";
}

/// A scope built by hand: roles with their trust and inline policies, workloads.
struct ScopeBuilder {
  Scope scope;

  int AddRole(const std::string& name, const std::string& trust,
              const std::vector<std::string>& policies = {}) {
    Role r;
    r.display = "aws_iam_role." + name;
    r.arn = Known<std::string>::Of("arn:aws:iam::123456789012:role/" + name);
    r.name = Known<std::string>::Of(name);
    r.loc = At(1);
    r.trust = Doc(trust);
    for (size_t i = 0; i < policies.size(); ++i) {
      Policy p;
      p.display = r.display + "/inline-" + std::to_string(i);
      p.is_inline = true;
      p.document = Doc(policies[i]);
      scope.policies.push_back(std::move(p));
      Grant g;
      g.policy = static_cast<int>(scope.policies.size() - 1);
      g.via = "aws_iam_role_policy." + name + std::to_string(i);
      g.loc = At(2);
      g.via_resource = true;
      r.grants.push_back(g);
    }
    scope.roles.push_back(std::move(r));
    return static_cast<int>(scope.roles.size() - 1);
  }

  static RoleRef Ref(int role) {
    RoleRef ref;
    ref.state = role >= 0 ? RoleRef::State::kResolved : RoleRef::State::kAbsent;
    ref.role = role;
    return ref;
  }

  Workload& AddWorkload(Platform p, const std::string& display) {
    Workload w;
    w.platform = p;
    w.display = display;
    w.loc = At(10);
    scope.workloads.push_back(std::move(w));
    return scope.workloads.back();
  }
};

std::vector<Finding> RunRule(const std::string& rule, const Scope& scope) {
  const RegisteredRule* r = FindRule(rule);
  EXPECT_NE(r, nullptr) << rule;
  Model m;
  m.scopes.push_back(scope);
  return internal::RunRuleList({*r}, m, RuleOptions(), nullptr);
}

std::string Messages(const std::vector<Finding>& fs) {
  std::string out;
  for (const auto& f : fs) out += f.message + "\n";
  return out;
}

EnvVar Var(const std::string& name, const std::string& value) {
  EnvVar e;
  e.name = name;
  e.value = value;
  return e;
}

Container WithSecret(const std::string& value_from) {
  Container c;
  c.name = "api";
  c.image = Known<std::string>::Of("nginx:1.27");
  c.log_driver = Known<std::string>::Absent();
  c.repository_credentials = Known<std::string>::Absent();
  SecretRef secret;
  secret.name = "TOKEN";
  secret.value_from = Known<std::string>::Of(value_from);
  c.secrets.push_back(secret);
  return c;
}

// A Secrets Manager valueFrom may name a JSON key, a version stage and a version id after the
// secret's ARN: the request is for the secret itself.
TEST(WorkloadRules, Ecs004SecretJsonKeySuffixIsTheSecret) {
  const std::string secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbC123";
  for (const std::string& policy_resource : {secret, secret.substr(0, secret.size() - 7) + "*"}) {
    ScopeBuilder b;
    const int exec =
        b.AddRole("exec", Trust("ecs-tasks.amazonaws.com"),
                  {Allow(R"("secretsmanager:GetSecretValue")", "\"" + policy_resource + "\"")});
    Workload& w = b.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.api");
    w.platform_role = ScopeBuilder::Ref(exec);
    w.containers.push_back(WithSecret(secret + ":password::"));
    EXPECT_TRUE(RunRule("ECS004", b.scope).empty()) << policy_resource;
    // Another secret is refused, named without its suffix.
    b.scope.workloads[0].containers[0] =
        WithSecret("arn:aws:secretsmanager:eu-west-1:123456789012:secret:other-XyZ789:password::");
    const auto fs = RunRule("ECS004", b.scope);
    ASSERT_EQ(fs.size(), 1u) << policy_resource;
    EXPECT_NE(fs[0].message.find("secretsmanager:GetSecretValue on "
                                 "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"
                                 "other-XyZ789,"),
              std::string::npos)
        << fs[0].message;
    EXPECT_EQ(fs[0].subject, "TOKEN");
  }
}

// A bare parameter name is a parameter of the task's own account and region, which the model
// may not show: reported only when it is sure.
TEST(WorkloadRules, Ecs004BareParameterNameInUnknownRegion) {
  ScopeBuilder b;
  const int exec =
      b.AddRole("exec", Trust("ecs-tasks.amazonaws.com"),
                {Allow(R"("ssm:GetParameters")",
                       R"("arn:aws:ssm:ap-northeast-1:123456789012:parameter/catalog/*")")});
  Workload& w = b.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.api");
  w.platform_role = ScopeBuilder::Ref(exec);
  w.containers.push_back(WithSecret("/catalog/dev/token"));
  EXPECT_TRUE(RunRule("ECS004", b.scope).empty()) << Messages(RunRule("ECS004", b.scope));
  // Another parameter, in a region the task does not show: no region's grant covers it, so it
  // is reported (a `*` region would take the colons after it and seem to overlap the grant).
  b.scope.workloads[0].containers[0] = WithSecret("/search/dev/token");
  const auto anywhere = RunRule("ECS004", b.scope);
  ASSERT_EQ(anywhere.size(), 1u) << Messages(anywhere);
  EXPECT_NE(anywhere[0].message.find(
                "ssm:GetParameters on arn:aws:ssm:*:123456789012:parameter/search/dev/token"),
            std::string::npos)
      << anywhere[0].message;
  // A grant in one region the task might run in keeps it quiet.
  ScopeBuilder one_region;
  const int regional =
      one_region.AddRole("exec", Trust("ecs-tasks.amazonaws.com"),
                         {Allow(R"("ssm:GetParameters")",
                                R"("arn:aws:ssm:eu-west-1:123456789012:parameter/search/*")")});
  one_region.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.api").platform_role =
      ScopeBuilder::Ref(regional);
  one_region.scope.workloads[0].containers.push_back(WithSecret("/search/dev/token"));
  EXPECT_TRUE(RunRule("ECS004", one_region.scope).empty())
      << Messages(RunRule("ECS004", one_region.scope));
  // The task's region from its log configuration: now it is sure.
  b.scope.workloads[0].containers[0].log_options = {{"awslogs-region", "ap-northeast-1"}};
  const auto fs = RunRule("ECS004", b.scope);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(
      fs[0].message.find("ssm:GetParameters on "
                         "arn:aws:ssm:ap-northeast-1:123456789012:parameter/search/dev/token"),
      std::string::npos)
      << fs[0].message;
}

// Logs and images: the execution role's work only where nothing else can do it (Fargate);
// unknown launch type or EC2: not reported. A public or non-ECR image needs nothing.
TEST(WorkloadRules, Ecs004LogsAndImagesOnFargateOnly) {
  ScopeBuilder b;
  const int exec = b.AddRole("exec", Trust("ecs-tasks.amazonaws.com"),
                             {Allow(R"("s3:GetObject")", R"("arn:aws:s3:::x/*")")});
  Container c;
  c.name = "web";
  c.image = Known<std::string>::Of("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.2");
  c.log_driver = Known<std::string>::Of("awslogs");
  c.log_options = {{"awslogs-group", "/ecs/web"}, {"awslogs-region", "us-east-1"}};
  c.repository_credentials = Known<std::string>::Absent();
  Workload& w = b.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.web");
  w.platform_role = ScopeBuilder::Ref(exec);
  w.containers.push_back(c);
  for (const Known<bool>& fargate : {Known<bool>::Unknown(), Known<bool>::Of(false)}) {
    b.scope.workloads[0].fargate = fargate;
    EXPECT_TRUE(RunRule("ECS004", b.scope).empty());
  }
  b.scope.workloads[0].fargate = Known<bool>::Of(true);
  auto fs = RunRule("ECS004", b.scope);
  ASSERT_EQ(fs.size(), 2u) << Messages(fs);
  EXPECT_NE(Messages(fs).find("arn:aws:ecr:us-east-1:123456789012:repository/team/web"),
            std::string::npos)
      << Messages(fs);
  EXPECT_NE(Messages(fs).find("log group /ecs/web"), std::string::npos);
  for (const std::string image : {"public.ecr.aws/nginx/nginx:1.27", "nginx", "ghcr.io/acme/web:1",
                                  "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example/web:1",
                                  "12345678901.dkr.ecr.us-east-1.amazonaws.com/web"}) {
    b.scope.workloads[0].containers[0].image = Known<std::string>::Of(image);
    b.scope.workloads[0].containers[0].log_driver = Known<std::string>::Absent();
    EXPECT_TRUE(RunRule("ECS004", b.scope).empty()) << image;
  }
  // The China partition's registry host.
  b.scope.workloads[0].containers[0].image =
      Known<std::string>::Of("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:1");
  fs = RunRule("ECS004", b.scope);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].message.find("arn:aws-cn:ecr:cn-north-1:123456789012:repository/web"),
            std::string::npos)
      << fs[0].message;
}

// Unknown is not bad: an execution role outside the input, known only at apply, or whose
// policies are not all visible, is never reported; a secret known only at apply neither.
TEST(WorkloadRules, Ecs004UnknownIsNeverAViolation) {
  ScopeBuilder b;
  Workload& w = b.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.api");
  w.containers.push_back(WithSecret("arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-1"));
  w.platform_role.state = RoleRef::State::kUnknown;
  EXPECT_TRUE(RunRule("ECS004", b.scope).empty());
  b.scope.workloads[0].platform_role.state = RoleRef::State::kExternal;
  b.scope.workloads[0].platform_role.arn = "arn:aws:iam::123456789012:role/elsewhere";
  EXPECT_TRUE(RunRule("ECS004", b.scope).empty());
  const int exec = b.AddRole("exec", Trust("ecs-tasks.amazonaws.com"));
  b.scope.roles[static_cast<size_t>(exec)].grants_complete = false;
  b.scope.workloads[0].platform_role = ScopeBuilder::Ref(exec);
  EXPECT_TRUE(RunRule("ECS004", b.scope).empty());
  b.scope.roles[static_cast<size_t>(exec)].grants_complete = true;
  EXPECT_EQ(RunRule("ECS004", b.scope).size(), 1u);
  b.scope.workloads[0].containers[0].secrets[0].value_from = Known<std::string>::Unknown();
  EXPECT_TRUE(RunRule("ECS004", b.scope).empty());
  // No execution role at all while a secret is named: reported whatever the launch type.
  b.scope.workloads[0].containers[0] = WithSecret("arn:aws:ssm:eu-west-1:123456789012:parameter/a");
  b.scope.workloads[0].platform_role = ScopeBuilder::Ref(-1);
  const auto fs = RunRule("ECS004", b.scope);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_NE(fs[0].message.find("has no execution role"), std::string::npos);
}

// ECS002 asks the engine: a Deny on the task role takes the grant away; the same grant there
// (through a wildcard) is enough; the execution role's secret duties are not app data.
TEST(WorkloadRules, Ecs002DecidedByTheEngine) {
  const std::string queue = R"("arn:aws:sqs:eu-west-1:123456789012:orders")";
  for (const auto& [task_policies, expected] :
       std::vector<std::pair<std::vector<std::string>, size_t>>{
           {{Allow(R"("sqs:*")", queue)}, 0},
           {{Allow(R"(["sqs:ReceiveMessage","sqs:DeleteMessage"])", R"("*")")}, 0},
           {{Allow(R"("sqs:*")", queue), Allow(R"("sqs:DeleteMessage")", queue, "Deny")}, 1},
           {{Allow(R"("s3:GetObject")", R"("*")")}, 1},
       }) {
    ScopeBuilder b;
    const int exec =
        b.AddRole("exec", Trust("ecs-tasks.amazonaws.com"),
                  {Allow(R"(["sqs:ReceiveMessage","sqs:DeleteMessage"])", queue),
                   Allow(R"(["secretsmanager:GetSecretValue","kms:Decrypt","ssm:GetParameters"])",
                         R"("*")")});
    const int task = b.AddRole("task", Trust("ecs-tasks.amazonaws.com"), task_policies);
    Workload& w = b.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.worker");
    w.platform_role = ScopeBuilder::Ref(exec);
    w.runtime_role = ScopeBuilder::Ref(task);
    const auto fs = RunRule("ECS002", b.scope);
    EXPECT_EQ(fs.size(), expected) << Messages(fs);
    for (const auto& f : fs) {
      EXPECT_EQ(f.resource, "aws_iam_role_policy.exec0") << f.message;
      EXPECT_EQ(f.message.find("secretsmanager"), std::string::npos) << f.message;
    }
  }
}

// ECS001: an error with evidence, a note without; nothing when the task role is unknown.
TEST(WorkloadRules, Ecs001EvidenceDecidesTheSeverity) {
  ScopeBuilder b;
  const int exec = b.AddRole("exec", Trust("ecs-tasks.amazonaws.com"),
                             {Allow(R"("secretsmanager:GetSecretValue")", R"("*")")});
  Workload& w = b.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.web");
  w.platform_role = ScopeBuilder::Ref(exec);
  auto fs = RunRule("ECS001", b.scope);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].severity, Severity::kNote) << fs[0].message;
  Container c = WithSecret("arn:aws:ssm:eu-west-1:123456789012:parameter/a");
  c.env.push_back(Var("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"));
  b.scope.workloads[0].containers.push_back(c);
  fs = RunRule("ECS001", b.scope);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].severity, Severity::kError);
  EXPECT_NE(fs[0].message.find("AWS_ACCESS_KEY_ID"), std::string::npos);
  EXPECT_EQ(fs[0].message.find("AKIAIOSFODNN7EXAMPLE"), std::string::npos);
  b.scope.workloads[0].runtime_role.state = RoleRef::State::kUnknown;
  EXPECT_TRUE(RunRule("ECS001", b.scope).empty());
}

// LMB003 is about Lambda's own names, as written: other AWS_ names and TZ may be set.
TEST(WorkloadRules, Lmb003OnlyReservedNames) {
  ScopeBuilder b;
  Workload& w = b.AddWorkload(Platform::kLambda, "aws_lambda_function.f");
  for (const char* name : {"AWS_REGION", "_HANDLER", "AWS_LAMBDA_FUNCTION_NAME", "TZ", "aws_region",
                           "AWS_REGION_OVERRIDE", "AWS_PROFILE", "NODE_OPTIONS"}) {
    w.env.push_back(Var(name, "x"));
  }
  const auto fs = RunRule("LMB003", b.scope);
  std::set<std::string> subjects;
  for (const auto& f : fs) subjects.insert(f.subject);
  EXPECT_EQ(subjects, (std::set<std::string>{"AWS_REGION", "_HANDLER", "AWS_LAMBDA_FUNCTION_NAME"}))
      << Messages(fs);
  EXPECT_EQ(fs.size(), 3u);
}

// The trust rules judge each role once, through every platform's principal, and leave out
// what they cannot see.
TEST(WorkloadRules, TrustRulesUsePlatformPrincipals) {
  ScopeBuilder b;
  const int ecs = b.AddRole("ecs", Trust("ecs.amazonaws.com"));
  const int lambda = b.AddRole("fn", Trust("lambda.amazonaws.com"));
  for (int i = 0; i < 2; ++i) {
    Workload& w = b.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.t" + std::to_string(i));
    w.runtime_role = ScopeBuilder::Ref(ecs);
    w.platform_role = ScopeBuilder::Ref(lambda);
  }
  b.AddWorkload(Platform::kLambda, "aws_lambda_function.f").runtime_role =
      ScopeBuilder::Ref(lambda);
  b.AddWorkload(Platform::kCodeBuild, "aws_codebuild_project.p").runtime_role =
      ScopeBuilder::Ref(lambda);
  auto fs = RunRule("ECS003", b.scope);
  ASSERT_EQ(fs.size(), 2u) << Messages(fs);  // each role once, not once per task
  EXPECT_NE(fs[0].message.find("it trusts ecs.amazonaws.com, not ecs-tasks.amazonaws.com"),
            std::string::npos)
      << fs[0].message;
  EXPECT_TRUE(RunRule("LMB001", b.scope).empty());
  fs = RunRule("CBD001", b.scope);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].resource, "aws_iam_role.fn");
  b.scope.roles[static_cast<size_t>(lambda)].trust = Known<PolicyDocument>::Unknown();
  EXPECT_TRUE(RunRule("CBD001", b.scope).empty());
}

// EC2002 only for a role the model resolved the setting to; ECS006 compares known ARNs of
// roles outside the input too, never unknown ones.
TEST(WorkloadRules, RoleAsProfileAndSharedRole) {
  ScopeBuilder b;
  const int role = b.AddRole("runner", Trust("ec2.amazonaws.com"));
  Workload& ec2 = b.AddWorkload(Platform::kEc2, "aws_instance.runner");
  ec2.instance_profile.state = ProfileRef::State::kRole;
  ec2.instance_profile.role = role;
  Workload& other = b.AddWorkload(Platform::kEc2, "aws_instance.other");
  other.instance_profile.state = ProfileRef::State::kExternal;
  other.instance_profile.name_or_arn = "runner";
  auto fs = RunRule("EC2002", b.scope);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].resource, "aws_instance.runner");

  Workload& t = b.AddWorkload(Platform::kEcs, "aws_ecs_task_definition.t");
  for (RoleRef* r : {&t.runtime_role, &t.platform_role}) {
    r->state = RoleRef::State::kExternal;
    r->arn = "arn:aws:iam::123456789012:role/shared";
  }
  EXPECT_EQ(RunRule("ECS006", b.scope).size(), 1u);
  b.scope.workloads.back().platform_role.arn = "arn:aws:iam::123456789012:role/other";
  EXPECT_TRUE(RunRule("ECS006", b.scope).empty());
  for (RoleRef* r :
       {&b.scope.workloads.back().runtime_role, &b.scope.workloads.back().platform_role}) {
    r->state = RoleRef::State::kUnknown;
    r->arn.clear();
  }
  EXPECT_TRUE(RunRule("ECS006", b.scope).empty());
}

TEST(WorkloadRules, EveryPlatformHasATableEntry) {
  for (Platform p : {Platform::kEcs, Platform::kLambda, Platform::kEc2, Platform::kCodeBuild}) {
    EXPECT_EQ(PlatformOf(p).platform, p);
    EXPECT_NE(std::string(PlatformOf(p).principal).find(".amazonaws.com"), std::string::npos);
  }
}

}  // namespace
}  // namespace iamlint
