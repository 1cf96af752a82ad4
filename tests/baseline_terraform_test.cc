// A baseline carries over between a `.tf` scan and a plan scan of the same Terraform root
// (issue 13): a Terraform finding's fingerprint names the root folder and the resource address,
// which both inputs share, not the input file and JSON pointer, which they do not. Baselines
// written before still match (by the old fingerprint).
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config/baseline.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

/// A Terraform root as a user has it: fixtures/tf/NAME's `.tf` files, and beside them (when
/// `with_plan`) the plan real Terraform made of them, as `plan.json`.
void MakeRoot(const fs::path& dir, const std::string& name, bool with_plan) {
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(testing::SourcePath("fixtures/tf/" + name))) {
    if (e.path().extension() == ".tf") fs::copy_file(e.path(), dir / e.path().filename());
  }
  if (with_plan) {
    fs::copy_file(testing::SourcePath("fixtures/plans/" + name + ".plan.json"), dir / "plan.json");
  }
}

nlohmann::json Check(const std::vector<std::string>& extra, const std::string& cwd) {
  std::vector<std::string> args = {"check", "--no-config", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  testing::RunResult r = testing::RunInProcess(args, cwd);
  EXPECT_NE(r.exit_code, 2) << r.out << r.err;
  return nlohmann::json::parse(r.out);
}

size_t Entries(const fs::path& baseline) {
  return nlohmann::json::parse(testing::ReadText(baseline.string()))["findings"].size();
}

struct Scan {
  std::vector<std::string> paths;  // relative to the scratch folder
  std::string what;
};

TEST(BaselineTerraform, AcceptedFromSourceHoldsInThePlanAndBack) {
  const fs::path dir = testing::ScratchDir("btf");
  // Two findings (ECS001 on the task definition, ECS002 on the inline policy); a rule over
  // several resources of several kinds.
  MakeRoot(dir / "infra", "ecs-permissions-on-execution-role", /*with_plan=*/true);
  const Scan source{{"infra/main.tf"}, "the .tf source"};
  const Scan plan{{"infra/plan.json"}, "the plan"};
  for (const auto& [from, to] : {std::pair{source, plan}, std::pair{plan, source}}) {
    SCOPED_TRACE("accepted from " + from.what + ", checked from " + to.what);
    std::vector<std::string> args = {"baseline", "--no-config", "-o", "baseline.json"};
    args.insert(args.end(), from.paths.begin(), from.paths.end());
    testing::RunResult b = testing::RunInProcess(args, dir.string());
    ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
    ASSERT_EQ(Entries(dir / "baseline.json"), 2U);
    std::vector<std::string> check = {"--baseline", "baseline.json"};
    check.insert(check.end(), to.paths.begin(), to.paths.end());
    nlohmann::json j = Check(check, dir.string());
    EXPECT_TRUE(j["findings"].empty()) << j.dump(1);
    EXPECT_EQ(j["baseline"]["matched"], 2) << j.dump(1);
    EXPECT_TRUE(j["baseline"]["absent"].empty()) << j.dump(1);
  }
}

TEST(BaselineTerraform, AnotherRootWithTheSameResourcesIsNotHeld) {
  // The same configuration in two roots (two environments): accepting one accepts nothing of
  // the other, from source or from its plan.
  const fs::path dir = testing::ScratchDir("btf");
  MakeRoot(dir / "envs/dev", "ecs-permissions-on-execution-role", /*with_plan=*/true);
  MakeRoot(dir / "envs/prod", "ecs-permissions-on-execution-role", /*with_plan=*/true);
  testing::RunResult b = testing::RunInProcess(
      {"baseline", "--no-config", "-o", "baseline.json", "envs/dev/main.tf"}, dir.string());
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  for (const char* input : {"envs/prod/main.tf", "envs/prod/plan.json"}) {
    SCOPED_TRACE(input);
    nlohmann::json j = Check({"--baseline", "baseline.json", input}, dir.string());
    EXPECT_EQ(j["findings"].size(), 2U) << j.dump(1);
    EXPECT_EQ(j["baseline"]["matched"], 0) << j.dump(1);
  }
}

TEST(BaselineTerraform, PlansCollectedInOneFolderAreNotOneRoot) {
  // CI artifacts: plans/dev.plan.json and plans/prod.plan.json, no .tf files beside them. Each
  // plan stands for itself, as before: accepting dev's findings accepts none of prod's.
  const fs::path dir = testing::ScratchDir("btf");
  fs::create_directories(dir / "plans");
  const std::string plan =
      testing::SourcePath("fixtures/plans/ecs-permissions-on-execution-role.plan.json");
  fs::copy_file(plan, dir / "plans/dev.plan.json");
  fs::copy_file(plan, dir / "plans/prod.plan.json");
  testing::RunResult b = testing::RunInProcess(
      {"baseline", "--no-config", "-o", "baseline.json", "plans/dev.plan.json"}, dir.string());
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  nlohmann::json j = Check({"--baseline", "baseline.json", "plans"}, dir.string());
  EXPECT_EQ(j["baseline"]["matched"], 2) << j.dump(1);
  ASSERT_EQ(j["findings"].size(), 2U) << j.dump(1);
  for (const auto& f : j["findings"]) {
    EXPECT_NE(f["location"]["file"].get<std::string>().find("prod.plan.json"), std::string::npos)
        << f.dump(1);
  }
}

TEST(BaselineTerraform, ANewFindingOnAnotherResourceIsNew) {
  // Accepted from the plan; the source then gains a second task definition with the same
  // mistake (no task role, the same execution role): what is about the new task is reported
  // (ECS001 on it, ECS002 on the policy for it), what was accepted is not.
  const fs::path dir = testing::ScratchDir("btf");
  MakeRoot(dir / "infra", "ecs-permissions-on-execution-role", /*with_plan=*/true);
  testing::RunResult b = testing::RunInProcess(
      {"baseline", "--no-config", "-o", "baseline.json", "infra/plan.json"}, dir.string());
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  std::string tf = testing::ReadText((dir / "infra/main.tf").string());
  const size_t at = tf.find("resource \"aws_ecs_task_definition\" \"worker\"");
  ASSERT_NE(at, std::string::npos);
  size_t end = tf.find("\n}\n", at);
  ASSERT_NE(end, std::string::npos);
  std::string copy = tf.substr(at, end + 3 - at);
  copy.replace(copy.find("\"worker\""), 8, "\"reporter\"");
  std::ofstream(dir / "infra/main.tf", std::ios::app) << "\n" << copy;
  nlohmann::json j = Check({"--baseline", "baseline.json", "infra/main.tf"}, dir.string());
  ASSERT_EQ(j["findings"].size(), 2U) << j.dump(1);
  for (const auto& f : j["findings"]) {
    EXPECT_NE(f["message"].get<std::string>().find("aws_ecs_task_definition.reporter"),
              std::string::npos)
        << f.dump(1);
  }
  EXPECT_EQ(j["baseline"]["matched"], 2);
}

TEST(BaselineTerraform, FingerprintsOfEarlierVersionsStillMatch) {
  // A plan finding as iamlint 0.1.0 fingerprinted it: rule, plan file, resource, pointer.
  Finding f;
  f.rule = "ECS001";
  f.resource = "aws_ecs_task_definition.worker";
  f.loc.file = "/work/infra/plan.json";
  f.loc.pointer = "/planned_values/root_module/resources/3";
  f.input = f.loc.file;
  std::vector<Finding> before = {f};
  AssignFingerprints("/work", &before);
  f.terraform_root = "/work/infra";
  std::vector<Finding> now = {f};
  AssignFingerprints("/work", &now);
  EXPECT_NE(now[0].fingerprint, before[0].fingerprint);
  EXPECT_EQ(now[0].legacy_fingerprint, before[0].fingerprint);
  // The same finding from the root's source: another file and pointer, the same fingerprint.
  Finding from_source = f;
  from_source.loc.file = from_source.input = "/work/infra/ecs.tf";
  from_source.loc.pointer = "/resource/aws_ecs_task_definition/worker";
  std::vector<Finding> source = {from_source};
  AssignFingerprints("/work", &source);
  EXPECT_EQ(source[0].fingerprint, now[0].fingerprint);
  EXPECT_NE(source[0].legacy_fingerprint, now[0].legacy_fingerprint);
  // A baseline holding the old fingerprint holds the finding.
  Baseline old;
  old.entries.push_back(before[0]);
  Report report;
  report.findings = now;
  ApplyBaseline(old, &report);
  EXPECT_TRUE(report.findings.empty());
  EXPECT_EQ(report.baseline.matched, 1U);
  EXPECT_TRUE(report.baseline.absent.empty());
}

}  // namespace
}  // namespace iamlint
