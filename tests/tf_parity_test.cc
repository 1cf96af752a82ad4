// Parity between a Terraform source scan and a plan scan (issue 13): every fixture folder
// fixtures/tf/NAME that real Terraform planned into fixtures/plans/NAME.plan.json is checked
// both ways, and both must report the same findings (rule, severity, resource address), but
// for the exceptions listed below, each with what only the plan knows.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

std::multiset<std::string> Findings(const testing::RunResult& r, std::string* errors) {
  std::multiset<std::string> out;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded()) {
    *errors = "not JSON: " + r.out + r.err;
    return out;
  }
  for (const auto& f : j["findings"]) {
    out.insert(f["rule"].get<std::string>() + " " + f["severity"].get<std::string>() + " " +
               f["resource"].get<std::string>());
  }
  for (const auto& e : j["errors"]) *errors += e.dump() + "\n";
  return out;
}

/// The fixtures whose two scans differ on purpose: what the source scan gives there, and why.
struct Exception {
  std::multiset<std::string> source;
  const char* why;
};

const std::map<std::string, Exception>& Exceptions() {
  static const std::map<std::string, Exception> kExceptions = {
      {"delete-compute-role",
       {{},
        "only the plan knows: it destroys a compute role that only the prior state holds "
        "(AMP009); the source shows the configuration after the change"}},
      {"ecs-secrets-same-config",
       {{"ECS004 error aws_ecs_task_definition.api", "ECS004 error aws_ecs_task_definition.api"},
        "only the source knows: container_definitions holds the secret's ARN and the repository "
        "URL, so the plan knows nothing of it until apply; the source knows every other part"}},
      {"seed-refs",
       {{"AMP001 error aws_amplify_app.web", "AMP002 error aws_iam_role_policy.app_data"},
        "only the source knows: the service role's policy is jsonencode around the tables' and "
        "the bucket's ARNs, so the plan holds it as unknown until apply (AMP001 note); the "
        "source knows its actions"}},
      {"ecs-exec-role-refs",
       {{"ECS002 error aws_iam_role_policy.jobs"},
        "only the source knows: the execution role's policy is jsonencode around the queue's "
        "ARN, unknown in the plan as a whole; the source knows its actions"}},
      {"for-each-roles",
       {{"AMP002 error aws_iam_role_policy_attachment.this[\"service/tables\"]"},
        "only the source knows: the attachment's policy_arn is aws_iam_policy.this[each.value."
        "policy].arn, unknown until apply, and the plan's configuration references only "
        "aws_iam_policy.this, not the instance"}},
      {"module-chain",
       {{"AMP001 error module.dev.aws_amplify_app.this",
         "AMP002 error "
         "module.dev.module.service_role.aws_iam_role_policy_attachment.this[\"data\"]"},
        "only the source knows: the policy reaches the attachment through a local, and a "
        "plan's configuration has no locals, so the plan scan can only say AMP001 note"}},
  };
  return kExceptions;
}

TEST(TfParity, SourceAndPlanGiveTheSameFindings) {
  const fs::path tf = fs::path(testing::SourceDir()) / "fixtures" / "tf";
  size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(tf)) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    const std::string plan = "fixtures/plans/" + name + ".plan.json";
    if (!fs::exists(fs::path(testing::SourceDir()) / plan)) continue;
    SCOPED_TRACE(name);
    std::string src_errors;
    std::string plan_errors;
    const auto src = Findings(
        testing::RunInProcess({"check", "--no-config", "--format", "json", "fixtures/tf/" + name}),
        &src_errors);
    const auto planned = Findings(
        testing::RunInProcess({"check", "--no-config", "--format", "json", plan}), &plan_errors);
    EXPECT_EQ(src_errors, "") << "the source scan has input errors";
    EXPECT_EQ(plan_errors, "");
    auto ex = Exceptions().find(name);
    if (ex != Exceptions().end()) {
      EXPECT_EQ(src, ex->second.source) << ex->second.why;
      EXPECT_NE(src, planned) << "listed as an exception, but the two agree: remove it";
    } else {
      EXPECT_EQ(src, planned);
    }
    ++compared;
  }
  EXPECT_GE(compared, 25u) << "the fixture plans were not found";
}

}  // namespace
}  // namespace iamlint
