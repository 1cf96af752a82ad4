// The Terraform plan loader on inputs from outside (issue 11): reference cycles, deep and wide
// reference chains, wrong shapes, deep module trees, roles outside the plan named by name and
// ARN, and where unknown env values come from.
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "load/load.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

LoadResult LoadPlan(const std::string& text) {
  return LoadBuffers({{"plan.json", text}}, LoadOptions());
}

std::vector<Finding> Findings(const LoadResult& r, const std::string& rule) {
  std::vector<Finding> out;
  for (auto& f : RunRules(r.model)) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

std::string Errors(const LoadResult& r) {
  std::string s;
  for (const auto& e : r.errors) {
    s += e.file + ":" + std::to_string(e.line) + " " + e.pointer + ": " + e.message + "\n";
  }
  return s;
}

// The tests of deep and exponential reference graphs assert no time: 2^200 paths never finish
// unless each reference is resolved once, so a regression hangs and CTest's TIMEOUT (see
// tests/CMakeLists.txt) fails it. Speed is measured by bench/run.sh, as ratios in one run.

// A plan whose app takes its service role from `service_role_expr` (a configuration
// expression) and whose configuration holds `modules` (the root's module_calls, JSON).
std::string PlanWithServiceRoleRef(const std::string& service_role_refs,
                                   const std::string& module_calls) {
  return R"({"format_version": "1.2",
 "planned_values": {"root_module": {"resources": [
  {"address": "aws_amplify_app.web", "mode": "managed", "type": "aws_amplify_app",
   "name": "web", "values": {"name": "web", "platform": "WEB_COMPUTE"}}]}},
 "resource_changes": [
  {"address": "aws_amplify_app.web", "mode": "managed", "type": "aws_amplify_app",
   "name": "web", "change": {"actions": ["create"], "after": {"name": "web"},
   "after_unknown": {"iam_service_role_arn": true}}}],
 "configuration": {"root_module": {
  "resources": [{"address": "aws_amplify_app.web", "mode": "managed",
    "type": "aws_amplify_app", "name": "web",
    "expressions": {"iam_service_role_arn": {"references": [)" +
         service_role_refs + R"(]}}}],
  "module_calls": )" +
         module_calls + "}}}";
}

// ---- class 2: reference resolution never hangs --------------------------------------------

TEST(PlanReferences, CycleThroughModuleOutputAndVariableIsALocatedErrorNotAHang) {
  // module.a's output `out` is its variable `v`, which the root sets from module.a.out.
  const std::string calls = R"({"a": {"source": "./a",
    "expressions": {"v": {"references": ["module.a.out", "module.a"]}},
    "module": {"outputs": {"out": {"expression": {"references": ["var.v"]}}},
               "variables": {"v": {}}}}})";
  LoadResult r;
  r = LoadPlan(PlanWithServiceRoleRef(R"("module.a.out")", calls));
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r);
  EXPECT_NE(r.errors[0].message.find("reference cycle"), std::string::npos);
  EXPECT_EQ(r.errors[0].pointer.rfind("/configuration/root_module/module_calls/a", 0), 0u)
      << r.errors[0].pointer;
  EXPECT_GT(r.errors[0].line, 0u);
  ASSERT_EQ(r.model.scopes.size(), 1u);
  ASSERT_EQ(r.model.scopes[0].apps.size(), 1u);
  EXPECT_EQ(r.model.scopes[0].apps[0].service_role.state, RoleRef::State::kUnknown);
}

TEST(PlanReferences, CycleBetweenTwoModulesIsALocatedError) {
  // module.a.out = var.v; v = module.b.out; module.b.out = var.w; w = module.a.out.
  const std::string calls = R"({
    "a": {"expressions": {"v": {"references": ["module.b.out"]}},
          "module": {"outputs": {"out": {"expression": {"references": ["var.v"]}}}}},
    "b": {"expressions": {"w": {"references": ["module.a.out"]}},
          "module": {"outputs": {"out": {"expression": {"references": ["var.w"]}}}}}})";
  LoadResult r = LoadPlan(PlanWithServiceRoleRef(R"("module.a.out")", calls));
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r);
  EXPECT_NE(r.errors[0].message.find("reference cycle"), std::string::npos);
}

// module m0 calls m1 calls ... m<depth-1>; each output is the next module's output, the
// last one a role of the deepest module.
std::string ChainCalls(int depth, int refs_per_level) {
  std::string inner =
      R"({"outputs": {"out": {"expression": {"references": ["aws_iam_role.r.arn"]}}}})";
  for (int i = depth - 1; i >= 1; --i) {
    std::string refs;
    for (int k = 0; k < refs_per_level; ++k) {
      refs += std::string(k > 0 ? "," : "") + "\"module.m" + std::to_string(i) + ".out" +
              (k > 0 ? std::to_string(k) : "") + "\"";
    }
    std::string outputs;
    for (int k = 0; k < refs_per_level; ++k) {
      outputs += std::string(k > 0 ? "," : "") + "\"out" + (k > 0 ? std::to_string(k) : "") +
                 "\": {\"expression\": {\"references\": [" + refs + "]}}";
    }
    inner = R"({"outputs": {)" + outputs + R"(}, "module_calls": {"m)" + std::to_string(i) +
            R"(": {"module": )" + inner + "}}}";
  }
  return R"({"m0": {"module": )" + inner + "}}";
}

TEST(PlanReferences, DeepModuleChainResolvesFast) {
  // 300 modules nested (900 levels of JSON: near the parser's nesting limit).
  LoadResult r;
  r = LoadPlan(PlanWithServiceRoleRef(R"("module.m0.out")", ChainCalls(300, 1)));
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
}

// Sibling modules m0 .. m<n-1>, each output its variable, each variable the next one's output:
// a chain of 2n hops at one level of nesting.
std::string SiblingChain(int n) {
  std::string calls = "{";
  for (int i = 0; i < n; ++i) {
    const std::string next =
        i + 1 < n ? "module.m" + std::to_string(i + 1) + ".out" : "aws_iam_role.r.arn";
    calls += std::string(i > 0 ? "," : "") + "\"m" + std::to_string(i) +
             "\": {\"expressions\": {\"v\": {\"references\": [\"" + next +
             "\"]}}, \"module\": {\"outputs\": {\"out\": {\"expression\": "
             "{\"references\": [\"var.v\"]}}}}}";
  }
  return calls + "}";
}

TEST(PlanReferences, FiveHundredModuleChainResolvesFast) {
  LoadResult r;
  r = LoadPlan(PlanWithServiceRoleRef(R"("module.m0.out")", SiblingChain(500)));
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
}

TEST(PlanReferences, OverlongChainIsRefusedWithALocatedError) {
  // 5000 modules, 10000 hops: refused (a located error), not a stack overflow.
  LoadResult r;
  r = LoadPlan(PlanWithServiceRoleRef(R"("module.m0.out")", SiblingChain(5000)));
  ASSERT_EQ(r.errors.size(), 1u) << Errors(r);
  EXPECT_NE(r.errors[0].message.find("does not follow"), std::string::npos);
  EXPECT_EQ(r.errors[0].pointer.rfind("/configuration/root_module/module_calls/m", 0), 0u);
  EXPECT_EQ(r.model.scopes[0].apps[0].service_role.state, RoleRef::State::kUnknown);
}

TEST(PlanReferences, ExponentialFanOutIsLinear) {
  // Every output refers to both outputs of the module below it: 2^200 paths, 400 outputs.
  LoadResult r;
  r = LoadPlan(PlanWithServiceRoleRef(R"("module.m0.out")", ChainCalls(200, 2)));
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
}

TEST(PlanReferences, ExponentialFanOutThroughVariablesIsLinear) {
  // The root's module chain passes variables down: v of m<i> is m<i-1>'s v, twice.
  std::string inner = R"({"resources": [{"address": "aws_amplify_app.web", "mode": "managed",
      "type": "aws_amplify_app", "name": "web",
      "expressions": {"iam_service_role_arn": {"references": ["var.v"]}}}]})";
  const int depth = 200;
  for (int i = depth - 1; i >= 1; --i) {
    inner = R"({"module_calls": {"m)" + std::to_string(i) +
            R"(": {"expressions": {"v": {"references": ["var.v", "var.v", "var.w"]},
               "w": {"references": ["var.v", "var.w"]}}, "module": )" +
            inner + "}}}";
  }
  std::string address = "module.m0";
  std::string planned =
      "{\"resources\": [{\"address\": \"ADDR.aws_amplify_app.web\", "
      "\"mode\": \"managed\", \"type\": \"aws_amplify_app\", \"name\": \"web\", "
      "\"values\": {\"name\": \"web\", \"platform\": \"WEB_COMPUTE\"}}]";
  for (int i = 1; i < depth; ++i) address += ".module.m" + std::to_string(i);
  planned.replace(planned.find("ADDR"), 4, address);
  planned += ", \"address\": \"" + address + "\"}";
  // planned_values nests the module's resources under child_modules at every level.
  std::string tree = planned;
  std::string a = address;
  for (int i = depth - 1; i >= 0; --i) {
    a = a.substr(0, a.rfind(".module."));
    if (i == 0) break;
    tree = "{\"address\": \"" + a + "\", \"child_modules\": [" + tree + "]}";
  }
  std::string plan = R"({"format_version": "1.2",
   "planned_values": {"root_module": {"child_modules": [)" +
                     tree + R"(]}},
   "configuration": {"root_module": {"module_calls": {"m0": {"expressions": {
     "v": {"references": ["aws_iam_role.r.arn"]}, "w": {"references": ["aws_iam_role.r.arn"]}},
     "module": )" + inner +
                     "}}}}}";
  LoadResult r;
  r = LoadPlan(plan);
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.model.scopes.size(), 1u);
  EXPECT_EQ(r.model.scopes[0].apps.size(), 1u);
}

// ---- class 5: wrong shapes are located input errors ----------------------------------------

void ExpectShapeError(const std::string& plan, const std::string& pointer) {
  LoadResult r = LoadPlan(plan);
  bool found = false;
  for (const auto& e : r.errors) {
    if (e.pointer == pointer) {
      found = true;
      EXPECT_EQ(e.file, "plan.json");
      EXPECT_GT(e.line, 0u);
      EXPECT_NE(e.message.find("was expected"), std::string::npos) << e.message;
    }
  }
  EXPECT_TRUE(found) << "no error at " << pointer << "; errors:\n" << Errors(r);
}

TEST(PlanShapes, ResourcesAsObject) {
  ExpectShapeError(R"({"format_version": "1.2", "planned_values": {"root_module": {
    "resources": {"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy",
    "name": "p", "values": {"policy": "{}"}}}}})",
                   "/planned_values/root_module/resources");
}

TEST(PlanShapes, ChildModulesAsString) {
  ExpectShapeError(R"({"format_version": "1.2", "planned_values": {"root_module": {
    "child_modules": "module.a"}}})",
                   "/planned_values/root_module/child_modules");
}

TEST(PlanShapes, ResourceChangesEntryAsNumber) {
  ExpectShapeError(R"({"format_version": "1.2", "resource_changes": [
    {"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p",
     "change": {"actions": ["create"], "after": {"policy": "{}"}}}, 7]})",
                   "/resource_changes/1");
}

TEST(PlanShapes, ValuesAsArray) {
  ExpectShapeError(R"({"format_version": "1.2", "planned_values": {"root_module": {
    "resources": [{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy",
    "name": "p", "values": [{"policy": "{}"}]}]}}})",
                   "/planned_values/root_module/resources/0/values");
}

TEST(PlanShapes, MoreSurfaces) {
  ExpectShapeError(R"({"format_version": "1.2", "resource_changes": [
    {"address": "aws_iam_policy.p", "type": "aws_iam_policy", "name": "p",
     "change": {"actions": ["create"], "after": "{}"}}]})",
                   "/resource_changes/0/change/after");
  ExpectShapeError(R"({"format_version": "1.2", "configuration": {"root_module": {
    "resources": [{"address": "aws_amplify_app.web", "expressions": []}]}}})",
                   "/configuration/root_module/resources/0/expressions");
  ExpectShapeError(R"({"format_version": "1.2", "configuration": {"root_module": {
    "resources": {}}}})",
                   "/configuration/root_module/resources");
  ExpectShapeError(R"({"format_version": "1.2", "prior_state": [1]})", "/prior_state");
  ExpectShapeError(R"({"format_version": "1.2", "planned_values": {"root_module": {
    "resources": [{"address": "aws_iam_policy.p", "mode": "managed", "type": 3, "name": "p"}]}}})",
                   "/planned_values/root_module/resources/0/type");
  ExpectShapeError(R"({"version": 4, "terraform_version": "1.11.4", "resources": {}})",
                   "/resources");
  // Attributes whose type the provider's schema fixes.
  ExpectShapeError(R"({"format_version": "1.2", "planned_values": {"root_module": {
    "resources": [{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy",
    "name": "p", "values": {"policy": {"Statement": []}}}]}}})",
                   "/planned_values/root_module/resources/0/values/policy");
  ExpectShapeError(R"({"format_version": "1.2", "planned_values": {"root_module": {
    "resources": [{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role",
    "name": "r", "values": {"inline_policy": {"name": "x", "policy": "{}"}}}]}}})",
                   "/planned_values/root_module/resources/0/values/inline_policy");
  ExpectShapeError(R"({"format_version": "1.2", "planned_values": {"root_module": {
    "resources": [{"address": "aws_amplify_app.a", "mode": "managed", "type": "aws_amplify_app",
    "name": "a", "values": {"environment_variables": [["AWS_SECRET_ACCESS_KEY", "x"]]}}]}}})",
                   "/planned_values/root_module/resources/0/values/environment_variables");
}

TEST(PlanShapes, WrongShapeExitsTwo) {
  testing::RunResult r =
      testing::RunInProcess({"check", testing::SourcePath("fixtures/plans/seed-before.plan.json")});
  ASSERT_NE(r.exit_code, 2) << r.err;  // the real plan is read
  const std::string dir = ::testing::TempDir();
  const std::string path = dir + "/iamlint_plan_shape.json";
  {
    std::ofstream f(path);
    f << R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": {
      "a": {"address": "aws_iam_policy.p", "type": "aws_iam_policy", "name": "p",
            "values": {"policy": "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}"}}}}}})";
  }
  r = testing::RunInProcess({"check", path});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("/planned_values/root_module/resources"), std::string::npos)
      << r.out << r.err;
}

// ---- depth: a policy deep in the module tree is read ----------------------------------------

std::string DeepPolicyPlan(int depth) {
  std::string address;
  for (int i = 0; i < depth; ++i) address += (i > 0 ? ".module.m" : "module.m") + std::to_string(i);
  std::string tree = "{\"address\": \"" + address + "\", \"resources\": [{\"address\": \"" +
                     address +
                     ".aws_iam_policy.admin\", \"mode\": \"managed\", \"type\": "
                     "\"aws_iam_policy\", \"name\": \"admin\", \"values\": {\"name\": \"admin\", "
                     "\"policy\": \"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": "
                     "[{\\\"Effect\\\": \\\"Allow\\\", \\\"Action\\\": \\\"*\\\", "
                     "\\\"Resource\\\": \\\"*\\\"}]}\"}}]}";
  std::string a = address;
  for (int i = depth - 1; i > 0; --i) {
    a = a.substr(0, a.rfind(".module."));
    tree = "{\"address\": \"" + a + "\", \"child_modules\": [" + tree + "]}";
  }
  return R"({"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [)" +
         tree + "]}}}";
}

TEST(PlanDepth, PolicyAtModuleDepth40IsLinted) {
  LoadResult r = LoadPlan(DeepPolicyPlan(40));
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
  EXPECT_EQ(Findings(r, "IAM001").size(), 1u);
}

TEST(PlanDepth, PolicyAtModuleDepth300IsLintedOrRefused) {
  // Deeper than the old silent limit (200): read (the parser's nesting limit bounds it).
  LoadResult r = LoadPlan(DeepPolicyPlan(300));
  if (r.errors.empty()) {
    EXPECT_EQ(Findings(r, "IAM001").size(), 1u);
  } else {
    EXPECT_GT(r.errors[0].line, 0u) << Errors(r);
  }
  EXPECT_TRUE(r.errors.empty()) << Errors(r);
}

// ---- the seed's real shape: a service role outside the plan -----------------------------------

TEST(PlanExternalRole, GrantsByNameOnARoleNamedByArnAreEvidence) {
  LoadResult r = LoadPaths({testing::SourcePath("fixtures/plans/external-service-role.plan.json")},
                           LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.model.scopes.size(), 1u);
  const Scope& s = r.model.scopes[0];
  ASSERT_EQ(s.apps.size(), 1u);
  const RoleRef& sr = s.apps[0].service_role;
  ASSERT_EQ(sr.state, RoleRef::State::kResolved);
  const Role& role = s.roles[static_cast<size_t>(sr.role)];
  EXPECT_EQ(role.name.value_or(""), "AmplifySSRLoggingRole-abc123");
  EXPECT_FALSE(role.grants_complete);
  EXPECT_EQ(role.grants.size(), 2u);  // the attachment and the inline policy
  EXPECT_EQ(Findings(r, "AMP001").size(), 1u);
  EXPECT_EQ(Findings(r, "AMP001")[0].severity, Severity::kError);
  EXPECT_FALSE(Findings(r, "AMP002").empty());
}

TEST(PlanExternalRole, QuietTwinWithComputeRole) {
  LoadResult r = LoadPaths(
      {testing::SourcePath("fixtures/plans/external-service-role-ok.plan.json")}, LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  EXPECT_TRUE(Findings(r, "AMP001").empty());
  EXPECT_TRUE(Findings(r, "AMP002").empty());
}

TEST(PlanExternalRole, NameIsTheLastSegmentOfTheArnNotAPrefix) {
  // The attachment names "AmplifySSRLoggingRole-abc" (another role): not the app's role.
  std::string plan =
      testing::ReadText(testing::SourcePath("fixtures/plans/external-service-role.plan.json"));
  for (size_t at = 0;
       (at = plan.find("\"AmplifySSRLoggingRole-abc123\"", at)) != std::string::npos;) {
    plan.replace(at, 30, "\"AmplifySSRLoggingRole-abc12\"");
  }
  LoadResult r = LoadPlan(plan);
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  const Scope& s = r.model.scopes[0];
  EXPECT_EQ(s.apps[0].service_role.state, RoleRef::State::kExternal);
  auto amp001 = Findings(r, "AMP001");
  ASSERT_EQ(amp001.size(), 1u);
  EXPECT_EQ(amp001[0].severity, Severity::kNote);
  EXPECT_TRUE(Findings(r, "AMP002").empty());
}

TEST(PlanExternalRole, ARoleThisPlanDestroysStaysDestroyed) {
  // The plan deletes role "gone"; an attachment still names it, and the app by ARN.
  const std::string plan = R"({"format_version": "1.2",
   "planned_values": {"root_module": {"resources": [
    {"address": "aws_amplify_app.web", "mode": "managed", "type": "aws_amplify_app", "name": "web",
     "values": {"name": "web", "platform": "WEB_COMPUTE",
                "compute_role_arn": "arn:aws:iam::123456789012:role/gone"}},
    {"address": "aws_iam_role_policy_attachment.a", "mode": "managed",
     "type": "aws_iam_role_policy_attachment", "name": "a",
     "values": {"role": "gone", "policy_arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}}]}},
   "resource_changes": [{"address": "aws_iam_role.gone", "mode": "managed", "type": "aws_iam_role",
     "name": "gone", "change": {"actions": ["delete"], "before": {"name": "gone",
     "arn": "arn:aws:iam::123456789012:role/gone"}, "after": null}}]})";
  LoadResult r = LoadPlan(plan);
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  const Scope& s = r.model.scopes[0];
  EXPECT_EQ(s.apps[0].compute_role.state, RoleRef::State::kExternal);
  EXPECT_EQ(s.apps[0].compute_role.destroyed, 0);
  EXPECT_TRUE(s.roles.empty());
}

// ---- unknown env values: where they come from ------------------------------------------------

TEST(PlanEnv, UnknownValuesFromAccessKeysNameTheirReference) {
  LoadResult r =
      LoadPaths({testing::SourcePath("fixtures/plans/unknown-key-env.plan.json")}, LoadOptions());
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  ASSERT_EQ(r.model.scopes[0].apps.size(), 1u);
  std::vector<std::string> refs;
  for (const auto& e : r.model.scopes[0].apps[0].env) {
    EXPECT_FALSE(e.value_known);
    if (!e.source_reference.empty()) refs.push_back(e.source_reference);
  }
  EXPECT_EQ(refs, (std::vector<std::string>{
                      "aws_iam_access_key.deploy.id",
                      "aws_iam_access_key.deploy.secret",
                      "module.app.aws_iam_access_key.smtp.ses_smtp_password_v4",
                  }));
}

TEST(PlanEnv, OneUnknownValueInAKnownMapGetsTheReference) {
  const std::string plan = R"({"format_version": "1.2",
   "planned_values": {"root_module": {"resources": [
    {"address": "aws_amplify_app.web", "mode": "managed", "type": "aws_amplify_app", "name": "web",
     "values": {"name": "web", "environment_variables": {"REGION": "us-east-1"}}}]}},
   "resource_changes": [{"address": "aws_amplify_app.web", "mode": "managed",
     "type": "aws_amplify_app", "name": "web", "change": {"actions": ["create"],
     "after": {"name": "web", "environment_variables": {"REGION": "us-east-1"}},
     "after_unknown": {"environment_variables": {"AWS_SECRET": true}}}}],
   "configuration": {"root_module": {"resources": [{"address": "aws_amplify_app.web",
     "mode": "managed", "type": "aws_amplify_app", "name": "web", "expressions": {
     "environment_variables": {"references": ["aws_iam_access_key.x.secret",
                                              "aws_iam_access_key.x"]}}}]}}})";
  LoadResult r = LoadPlan(plan);
  ASSERT_TRUE(r.errors.empty()) << Errors(r);
  const auto& env = r.model.scopes[0].apps[0].env;
  ASSERT_EQ(env.size(), 2u);
  EXPECT_EQ(env[0].name, "REGION");
  EXPECT_TRUE(env[0].source_reference.empty());
  EXPECT_EQ(env[1].name, "AWS_SECRET");
  EXPECT_FALSE(env[1].value_known);
  EXPECT_EQ(env[1].source_reference, "aws_iam_access_key.x.secret");
}

}  // namespace
}  // namespace iamlint
