// The command line, in-process through RunCli (two cases through the real binary): exit
// codes, the JSON contract, errors.
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/location.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

using testing::RunIamlint;
using testing::RunInProcess;
using testing::RunResult;

const char* kBefore = "fixtures/plans/seed-before.plan.json";
const char* kAfter = "fixtures/plans/seed-after.plan.json";

nlohmann::json Json(const RunResult& r) {
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  return j;
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("iamlint_cli_" + std::to_string(getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string Write(const std::string& name, const std::string& content) const {
    std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

// Through the binary: main() gives RunCli's status as the process's exit code.
TEST(Cli, SeedBeforeFailsWithAmp001AndAmp002) {
  RunResult r = RunIamlint({"check", kBefore});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("error AMP001"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error AMP002"), std::string::npos) << r.out;
  // compiler-style location: file:line:
  EXPECT_NE(r.out.find(std::string(kBefore) + ":"), std::string::npos);
  EXPECT_EQ(r.out.find("\033["), std::string::npos) << "no colour when not on a terminal";
}

TEST(Cli, SeedAfterPasses) {
  RunResult r = RunIamlint({"check", kAfter});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("error"), r.out.find("error(s)")) << r.out;
}

TEST(Cli, JsonContract) {
  RunResult r = RunInProcess({"check", "--format", "json", kBefore});
  ASSERT_EQ(r.exit_code, 1);
  nlohmann::json j = Json(r);
  ASSERT_TRUE(j["version"].is_string());
  ASSERT_TRUE(j["findings"].is_array());
  ASSERT_TRUE(j["errors"].is_array());
  ASSERT_TRUE(j["summary"].is_object());
  ASSERT_FALSE(j["findings"].empty());
  for (const auto& f : j["findings"]) {
    for (const char* key : {"rule", "name", "severity", "message", "resource", "location"}) {
      EXPECT_TRUE(f.contains(key)) << key << " missing in " << f.dump();
    }
    EXPECT_TRUE(f["severity"] == "error" || f["severity"] == "warning" || f["severity"] == "note");
    EXPECT_EQ(f["location"]["file"], kBefore);
    EXPECT_TRUE(f["location"]["pointer"].get<std::string>().rfind("/", 0) == 0);
    EXPECT_TRUE(f["location"]["line"].is_number());
  }
  EXPECT_EQ(j["summary"]["files_checked"], 1);
  EXPECT_GE(j["summary"]["errors"].get<int>(), 2);
}

TEST(Cli, FindingsCarryTheTerraformAddress) {
  nlohmann::json j = Json(RunInProcess({"check", "--format", "json", kBefore}));
  bool app = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] == "AMP001") app = f["resource"] == "aws_amplify_app.web";
  }
  EXPECT_TRUE(app) << j.dump(2);
}

// In-process runs leave nothing behind: the working folder is restored whatever the outcome,
// and a run reads the same after another run elsewhere.
TEST(Cli, InProcessRunsRestoreTheWorkingFolder) {
  const std::filesystem::path here = std::filesystem::current_path();
  TempDir d;
  EXPECT_EQ(RunInProcess({"check", "no-such-file.json"}, d.path()).exit_code, 2);
  EXPECT_EQ(std::filesystem::current_path(), here);
  const std::string once = RunInProcess({"check", "--format", "json", kBefore}).out;
  RunInProcess({"check", "--format", "json", "."}, d.path());
  EXPECT_EQ(RunInProcess({"check", "--format", "json", kBefore}).out, once);
}

TEST(Cli, FailOnThresholds) {
  EXPECT_EQ(RunInProcess({"check", "--fail-on", "never", kBefore}).exit_code, 0);
  EXPECT_EQ(RunInProcess({"check", "--fail-on", "note", kAfter}).exit_code, 0);
  EXPECT_EQ(RunInProcess({"check", "--fail-on", "warning", kBefore}).exit_code, 1);
}

TEST(Cli, OutputIsDeterministic) {
  RunResult a = RunInProcess({"check", "--format", "json", "fixtures"});
  RunResult b = RunInProcess({"check", "--format", "json", "fixtures"});
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.exit_code, b.exit_code);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(RunInProcess({}).exit_code, 2);
  EXPECT_EQ(RunInProcess({"check"}).exit_code, 2);
  EXPECT_EQ(RunInProcess({"check", "--format", "xml", kBefore}).exit_code, 2);
  EXPECT_EQ(RunInProcess({"check", "--fail-on", "sometimes", kBefore}).exit_code, 2);
  EXPECT_EQ(RunInProcess({"frobnicate"}).exit_code, 2);
  RunResult r = RunInProcess({"explain", "XYZ999"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("XYZ999"), std::string::npos);
}

TEST(Cli, MissingFileIsALocatedError) {
  RunResult r = RunInProcess({"check", "--format", "json", "no/such/plan.json"});
  EXPECT_EQ(r.exit_code, 2);
  nlohmann::json j = Json(r);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["file"], "no/such/plan.json");
}

TEST(Cli, InputErrorWinsButOtherInputsAreStillLinted) {
  TempDir d;
  std::string broken =
      d.Write("broken.json", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {\n");
  RunResult r = RunInProcess({"check", "--format", "json", broken, kBefore});
  EXPECT_EQ(r.exit_code, 2);
  nlohmann::json j = Json(r);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["file"], broken);
  EXPECT_TRUE(j["errors"][0]["line"].is_number());
  EXPECT_FALSE(j["findings"].empty()) << "the good input must still be linted";
}

TEST(Cli, BinaryPlanFileGetsAHint) {
  TempDir d;
  std::string zip = d.Write("tfplan", std::string("PK\x03\x04\x14\x00\x00\x00", 8) + "junk");
  RunResult r = RunInProcess({"check", zip});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("terraform show -json"), std::string::npos) << r.out;
}

TEST(Cli, Utf16PlanIsRead) {
  TempDir d;
  std::string text = testing::ReadText(testing::SourcePath(kBefore));
  std::string utf16 = "\xFF\xFE";
  for (char c : text) {
    utf16.push_back(c);  // fixtures are ASCII
    utf16.push_back('\0');
  }
  std::string p = d.Write("plan-utf16.json", utf16);
  RunResult r = RunInProcess({"check", p});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("AMP001"), std::string::npos);
}

TEST(Cli, ExplicitUnrecognisedFileIsAnErrorButWalkedOneIsSkipped) {
  TempDir d;
  std::string other = d.Write("package.json", "{\"name\": \"my-app\", \"version\": \"1.0.0\"}");
  RunResult explicit_run = RunInProcess({"check", other});
  EXPECT_EQ(explicit_run.exit_code, 2);
  EXPECT_NE(explicit_run.out.find("not a recognised input"), std::string::npos);
  RunResult walked = RunInProcess({"check", "--format", "json", d.path()});
  EXPECT_EQ(walked.exit_code, 0) << walked.out;
  EXPECT_EQ(Json(walked)["summary"]["files_skipped"], 1);
}

TEST(Cli, RulesAndExplain) {
  RunResult rules = RunInProcess({"rules"});
  EXPECT_EQ(rules.exit_code, 0);
  for (const char* id : {"AMP001", "AMP002", "AMP003", "AMP004"}) {
    EXPECT_NE(rules.out.find(id), std::string::npos) << id;
  }
  // One line a rule: its ID, its name and its severity as words of their own, however long
  // the name (a 34-column name ran into its severity once).
  std::istringstream lines(rules.out);
  std::size_t listed = 0;
  for (std::string line; std::getline(lines, line); ++listed) {
    std::istringstream words(line);
    std::string id;
    std::string name;
    std::string severity;
    words >> id >> name >> severity;
    const RegisteredRule* rule = FindRule(id);
    ASSERT_NE(rule, nullptr) << line;
    EXPECT_EQ(name, rule->info->name) << line;
    EXPECT_EQ(severity, SeverityName(rule->info->severity)) << line;
  }
  EXPECT_EQ(listed, AllRules().size());
  RunResult ex = RunInProcess({"explain", "AMP001"});
  EXPECT_EQ(ex.exit_code, 0);
  for (const char* part : {"What it does", "Why it matters", "Example", "Fix"}) {
    EXPECT_NE(ex.out.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(RunInProcess({"explain", "static-credentials-in-env"}).exit_code, 0);
  EXPECT_EQ(RunInProcess({"--version"}).exit_code, 0);
}

TEST(Cli, SecretsAreNeverPrinted) {
  for (const char* fmt : {"text", "json"}) {
    RunResult r = RunInProcess({"check", "--format", fmt, "fixtures/plans/seed-keys.plan.json",
                                "fixtures/cli/seed-keys/get-app.json"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("AMP004"), std::string::npos);
    EXPECT_EQ(r.out.find("AKIAIOSFODNN7EXAMPLE"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("wJalrXUtnFEMI"), std::string::npos) << r.out;
  }
}

TEST(Cli, TfDirPointsFindingsAtTheTfBlock) {
  RunResult r =
      RunInProcess({"check", "--format", "json", "--tf-dir", "fixtures/tf/module-for-each",
                    "fixtures/plans/module-for-each.plan.json"});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  nlohmann::json j = Json(r);
  ASSERT_FALSE(j["findings"].empty());
  for (const auto& f : j["findings"]) {
    EXPECT_EQ(f["location"]["file"], "fixtures/tf/module-for-each/modules/amplify-ssr/main.tf");
    EXPECT_EQ(f["related"][0]["location"]["file"], "fixtures/plans/module-for-each.plan.json");
  }
  EXPECT_EQ(RunInProcess({"check", "--tf-dir", "no/such/dir", kBefore}).exit_code, 2);
}

TEST(Cli, PlanBesideItsTfFilesIsMappedByDefault) {
  TempDir d;
  for (const auto& e :
       std::filesystem::directory_iterator(testing::SourcePath("fixtures/tf/seed-before"))) {
    std::filesystem::copy(e.path(), std::filesystem::path(d.path()) / e.path().filename());
  }
  std::string plan = d.Write("plan.json", testing::ReadText(testing::SourcePath(kBefore)));
  RunResult r = RunInProcess({"check", plan});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find(d.path() + "/main.tf:97: error AMP001"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(plan + ":7 (in the plan)"), std::string::npos) << r.out;
}

// Files are loaded on all cores; results merge in a fixed order, so a folder and the same
// files named in another order give the same findings.
TEST(Cli, ParallelLoadingIsOrderIndependent) {
  RunResult folder = RunInProcess({"check", "--format", "json", "fixtures/cli/seed-before"});
  RunResult reversed =
      RunInProcess({"check", "--format", "json", "fixtures/cli/seed-before/list-branches.json",
                    "fixtures/cli/seed-before/get-app.json",
                    "fixtures/cli/seed-before/authorization-details.json"});
  ASSERT_EQ(folder.exit_code, 1);
  ASSERT_EQ(reversed.exit_code, 1);
  EXPECT_EQ(Json(folder)["findings"], Json(reversed)["findings"]);
  TempDir d;
  std::string plan = testing::ReadText(testing::SourcePath(kBefore));
  for (int i = 0; i < 40; ++i) d.Write("plan-" + std::to_string(100 + i) + ".json", plan);
  RunResult a = RunInProcess({"check", "--format", "json", d.path()});
  RunResult b = RunInProcess({"check", "--format", "json", d.path()});
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(Json(a)["summary"]["files_checked"], 40);
  EXPECT_EQ(Json(a)["summary"]["errors"], 80);
}

}  // namespace
}  // namespace iamlint
