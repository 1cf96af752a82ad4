// `.iamlint.yaml`, suppressions (config and resource tags), baselines and report outputs,
// through the real binary, as a team would use them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/path.h"
#include "core/wildcard.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::RunInProcess;
using testing::RunResult;
using testing::SourcePath;

/// A throwaway project folder with a copy of some fixture plans, as a team's repository.
class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("iamlint_config_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& rel) const { return (dir_ / rel).string(); }

  void Write(const std::string& rel, const std::string& text) const {
    fs::create_directories(fs::path(Path(rel)).parent_path());
    std::ofstream(Path(rel), std::ios::binary) << text;
  }
  void CopyPlan(const std::string& fixture, const std::string& rel) const {
    fs::create_directories(fs::path(Path(rel)).parent_path());
    fs::copy_file(SourcePath("fixtures/plans/" + fixture), Path(rel),
                  fs::copy_options::overwrite_existing);
  }
  RunResult Run(const std::vector<std::string>& args) const {
    return RunInProcess(args, dir_.string());
  }
  /// `check --format json` from the project folder, parsed.
  nlohmann::json CheckJson(std::vector<std::string> args, int* exit_code) const {
    args.insert(args.begin(), "check");
    args.emplace_back("--format");
    args.emplace_back("json");
    RunResult r = Run(args);
    *exit_code = r.exit_code;
    EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.out << r.err;
    return nlohmann::json::parse(r.out, nullptr, false);
  }

  fs::path dir_;
};

std::vector<std::string> Rules(const nlohmann::json& report, bool suppressed) {
  std::vector<std::string> out;
  for (const auto& f : report["findings"]) {
    if (f.value("suppressed", false) == suppressed) out.push_back(f["rule"]);
  }
  return out;
}

std::vector<std::string> Notices(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& n : report["notices"]) out.push_back(n["message"]);
  return out;
}

// --- globs -----------------------------------------------------------------------------------

TEST(PathGlob, FoldersAndNames) {
  EXPECT_TRUE(PathGlobMatches("envs/dev/*.json", "envs/dev/plan.json"));
  EXPECT_FALSE(PathGlobMatches("envs/dev/*.json", "envs/dev/sub/plan.json"));
  EXPECT_FALSE(PathGlobMatches("envs/dev/*.json", "envs/prod/plan.json"));
  EXPECT_TRUE(PathGlobMatches("envs/**/*.json", "envs/plan.json"));
  EXPECT_TRUE(PathGlobMatches("envs/**/*.json", "envs/a/b/c/plan.json"));
  EXPECT_TRUE(PathGlobMatches("**/testdata/**", "x/testdata/y/z.json"));
  EXPECT_FALSE(PathGlobMatches("**/testdata/**", "x/test-data/z.json"));
  EXPECT_TRUE(PathGlobMatches("*.plan.json", "deep/down/seed.plan.json"));  // name only
  EXPECT_TRUE(PathGlobMatches("./envs/?ev/p*.json", "envs/dev/plan.json"));
  EXPECT_FALSE(PathGlobMatches("envs/dev", "envs/dev/plan.json"));
  EXPECT_TRUE(PathGlobMatches("**/**/**/**/**/**/**/**/x", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/x"));
  EXPECT_FALSE(PathGlobMatches("**/**/**/**/**/**/**/**/y", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/x"));
}

// --- the configuration file ------------------------------------------------------------------

TEST_F(ConfigTest, BadConfigurationsAreLocatedErrors) {
  CopyPlan("seed-before.plan.json", "plan.json");
  struct Case {
    std::string yaml;
    size_t line;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"rules:\n  AMP001: off\nrulez: {}\n", 3, "unknown key `rulez`"},
      {"rules:\n  AMP999: off\n", 2, "no rule \"AMP999\""},
      {"rules:\n  AMP001: loud\n", 2, "expected off, on, error, warning or note"},
      {"rules:\n  AMP001: {enabled: maybe}\n", 2, "`enabled` must be true or false"},
      {"fail_on: sometimes\n", 1, "`fail_on` must be one of"},
      {"options:\n  trusted_accounts: [12345]\n", 2, "not a 12-digit AWS account ID"},
      {"options:\n  app_data_actions: [\"es:ESHttpGte\"]\n", 2, "unknown action \"es:ESHttpGte\""},
      {"options:\n  colour: blue\n", 2, "unknown option `colour`"},
      {"suppressions:\n  - rule: AMP002\n    resource: aws_iam_role.x\n", 2, "without a `reason`"},
      {"suppressions:\n  - rule: AMP002\n    reason: r\n", 2, "without `resource` or `file`"},
      {"suppressions:\n  - rule: AMP002\n    resource: x\n    reason: r\n    expires: 2027-02-30\n",
       5, "`expires` must be a date"},
      {"suppressions:\n  - rule: AMP002\n    resource: x\n    reason: r\n    owner: me\n", 5,
       "unknown suppression key `owner`"},
      {"rules: [unclosed\n", 2, "invalid YAML"},
      {std::string("rules:\n  AMP001: off\0\n", 22), 2, "a NUL byte"},
  };
  for (const auto& c : cases) {
    Write(".iamlint.yaml", c.yaml);
    RunResult r = Run({"check", "plan.json"});
    EXPECT_EQ(r.exit_code, 2) << c.yaml << r.out << r.err;
    std::string where = ".iamlint.yaml:" + std::to_string(c.line) + ":";
    EXPECT_NE(r.out.find(where), std::string::npos) << c.yaml << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.yaml << "\n" << r.out << r.err;
  }
}

TEST_F(ConfigTest, TheReadmeExampleIsAValidConfiguration) {
  const std::string readme = ReadText(SourcePath("README.md"));
  const std::string begin = "<!-- config-example:begin -->\n```yaml\n";
  size_t a = readme.find(begin);
  size_t b = readme.find("```\n<!-- config-example:end -->");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  Write(".iamlint.yaml", readme.substr(a + begin.size(), b - a - begin.size()));
  CopyPlan("seed-before.plan.json", "envs/dev/plan.json");
  int code = 0;
  nlohmann::json j = CheckJson({"envs"}, &code);
  EXPECT_TRUE(j["errors"].empty()) << j["errors"].dump(2);
  EXPECT_EQ(j["summary"]["files_checked"], 1);
  // Its AMP002 suppression names `service_*` attachments, which the seed does not have.
  ASSERT_EQ(j["notices"].size(), 1u) << j["notices"].dump(2);
  EXPECT_NE(j["notices"][0]["message"].get<std::string>().find("AMP002"), std::string::npos);
}

TEST_F(ConfigTest, FoundFromTheWorkingFolderUpwardOrNamedOrIgnored) {
  CopyPlan("seed-before.plan.json", "envs/dev/plan.json");
  Write(".iamlint.yaml", "rules:\n  AMP001: off\n  AMP002: warning\n");
  int code = 0;
  // Run from a subfolder: the configuration in the project root applies.
  RunResult r = RunInProcess({"check", "plan.json", "--format", "json"}, Path("envs/dev"));
  ASSERT_TRUE(nlohmann::json::accept(r.out)) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(r.exit_code, 0) << "AMP002 is a warning now, below fail_on error";
  ASSERT_EQ(Rules(j, false), std::vector<std::string>{"AMP002"});
  EXPECT_EQ(j["findings"][0]["severity"], "warning");
  // --fail-on warning makes the warning fail the run.
  EXPECT_EQ(
      RunInProcess({"check", "plan.json", "--fail-on", "warning"}, Path("envs/dev")).exit_code, 1);
  // --no-config: the defaults.
  j = CheckJson({"envs/dev/plan.json", "--no-config"}, &code);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(Rules(j, false), (std::vector<std::string>{"AMP001", "AMP002"}));
  // --config names another file.
  Write("strict.yaml", "fail_on: never\n");
  j = CheckJson({"envs/dev/plan.json", "--config", "strict.yaml"}, &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(Rules(j, false).size(), 2u);
}

TEST_F(ConfigTest, IncludeAndExcludeGlobsChooseTheFiles) {
  CopyPlan("seed-before.plan.json", "envs/dev/plan.json");
  CopyPlan("module-for-each.plan.json", "envs/prod/plan.json");
  CopyPlan("seed-keys.plan.json", "testdata/keys.plan.json");
  Write(".iamlint.yaml", "exclude: [\"**/testdata/**\"]\ninclude: [\"envs/**/*.json\"]\n");
  int code = 0;
  nlohmann::json j = CheckJson({"."}, &code);
  EXPECT_EQ(j["summary"]["files_checked"], 2);
  for (const auto& f : j["findings"]) {
    EXPECT_EQ(f["location"]["file"].get<std::string>().find("testdata"), std::string::npos);
  }
  // A file named explicitly is filtered too (pre-commit passes staged files by name).
  j = CheckJson({"testdata/keys.plan.json"}, &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(j["summary"]["files_checked"], 0);
  EXPECT_EQ(j["summary"]["files_skipped"], 1);
}

TEST_F(ConfigTest, RuleOptionsChangeWhatTheRulesCountAsData) {
  CopyPlan("opensearch-data.plan.json", "plan.json");
  int code = 0;
  // By default OpenSearch queries are not application data: only a note that SSR has no role.
  nlohmann::json j = CheckJson({"plan.json"}, &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(Rules(j, false), std::vector<std::string>{"AMP001"});
  EXPECT_EQ(j["findings"][0]["severity"], "note");
  Write(".iamlint.yaml", "options:\n  app_data_actions: [\"es:ESHttpGet\", \"es:ESHttpPost\"]\n");
  j = CheckJson({"plan.json"}, &code);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(Rules(j, false), (std::vector<std::string>{"AMP001", "AMP002"}));
  for (const auto& f : j["findings"]) EXPECT_EQ(f["severity"], "error");

  // Duties the team accepts on the service role are not reported.
  CopyPlan("seed-before.plan.json", "seed.json");
  Write(".iamlint.yaml",
        "options:\n  service_role_duties: [\"dynamodb:*\", \"s3:*\", \"lambda:Invoke*\"]\n");
  j = CheckJson({"seed.json"}, &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(Rules(j, false), std::vector<std::string>{"AMP001"});
  EXPECT_EQ(j["findings"][0]["severity"], "note");
}

TEST_F(ConfigTest, TrustedAccountsQuietCrossAccountWarnings) {
  fs::copy(SourcePath("fixtures/cli/other-account"), Path("cli"));
  int code = 0;
  nlohmann::json j = CheckJson({"cli", "--fail-on", "warning"}, &code);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(Rules(j, false), std::vector<std::string>{"AMP006"});
  Write(".iamlint.yaml", "options:\n  trusted_accounts: [\"210987654321\"]\n");
  j = CheckJson({"cli", "--fail-on", "warning"}, &code);
  EXPECT_EQ(code, 0);
  EXPECT_TRUE(Rules(j, false).empty());
}

// --- suppressions ----------------------------------------------------------------------------

TEST_F(ConfigTest, SuppressionsByAddressGlobAndFileOnModulesAndForEach) {
  CopyPlan("module-for-each.plan.json", "envs/dev/plan.json");
  CopyPlan("module-for-each.plan.json", "envs/stage/plan.json");
  Write(".iamlint.yaml", R"(suppressions:
  - rule: AMP002
    resource: module.web["dev"].aws_iam_role_policy_attachment.*
    file: envs/dev/*.json
    reason: tracked in TICKET-123, moving to the compute role
    expires: 2999-12-31
)");
  int code = 0;
  nlohmann::json j = CheckJson({"envs"}, &code);
  EXPECT_EQ(code, 1);
  // envs/dev: AMP002 suppressed, with its reason; envs/stage: not (file glob).
  size_t suppressed = 0;
  for (const auto& f : j["findings"]) {
    const std::string file = f["location"]["file"];
    if (f["rule"] == "AMP002" && file.find("envs/dev/") != std::string::npos) {
      EXPECT_TRUE(f["suppressed"].get<bool>()) << f.dump();
      EXPECT_EQ(f["suppression"]["kind"], "config");
      EXPECT_EQ(f["suppression"]["reason"], "tracked in TICKET-123, moving to the compute role");
      ++suppressed;
    } else {
      EXPECT_FALSE(f["suppressed"].get<bool>()) << f.dump();
    }
  }
  EXPECT_EQ(suppressed, 1u);
  EXPECT_EQ(j["summary"]["suppressed"], 1);
  EXPECT_TRUE(Notices(j).empty());

  // Suppressing every finding of the file makes the run pass; the findings stay in the report.
  Write(".iamlint.yaml", R"(suppressions:
  - rule: AMP002
    file: envs/dev/plan.json
    reason: accepted until the compute role lands
  - rule: ssr-missing-compute-role
    resource: module.web["dev"].*
    file: envs/dev/plan.json
    reason: accepted until the compute role lands
)");
  j = CheckJson({"envs/dev/plan.json"}, &code);
  EXPECT_EQ(code, 0);
  EXPECT_EQ(Rules(j, true), (std::vector<std::string>{"AMP001", "AMP002"}));
  // The text report says so instead of listing them.
  RunResult text = Run({"check", "envs/dev/plan.json"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("2 suppressed"), std::string::npos) << text.out;
}

TEST_F(ConfigTest, ExpiredAndUnusedSuppressionsAreReported) {
  CopyPlan("seed-before.plan.json", "plan.json");
  Write(".iamlint.yaml", R"(suppressions:
  - rule: AMP002
    resource: aws_iam_role_policy_attachment.amplify_app_permissions
    reason: was accepted last year
    expires: 2001-01-31
  - rule: AMP004
    resource: aws_amplify_app.web
    reason: keys are rotated daily
)");
  int code = 0;
  nlohmann::json j = CheckJson({"plan.json"}, &code);
  EXPECT_EQ(code, 1);
  EXPECT_TRUE(Rules(j, true).empty()) << "an expired suppression no longer suppresses";
  std::vector<std::string> notices = Notices(j);
  ASSERT_EQ(notices.size(), 2u) << j["notices"].dump();
  EXPECT_NE(notices[0].find("expired on 2001-01-31"), std::string::npos) << notices[0];
  EXPECT_EQ(j["notices"][0]["line"], 2);
  EXPECT_NE(notices[1].find("matched no finding"), std::string::npos) << notices[1];
  EXPECT_EQ(j["notices"][1]["line"], 6);
}

TEST_F(ConfigTest, ResourceTagsSuppressFindingsOnTheResourceAndItsAttachments) {
  // The data policy carries `iamlint:skip = "AMP002: ..."`: its attachment's finding is
  // suppressed. The app's tag has no reason: not applied, and said so.
  CopyPlan("skip-tag.plan.json", "plan.json");
  int code = 0;
  nlohmann::json j = CheckJson({"plan.json"}, &code);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(Rules(j, false), std::vector<std::string>{"AMP001"});
  ASSERT_EQ(Rules(j, true), std::vector<std::string>{"AMP002"});
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "AMP002") continue;
    EXPECT_EQ(f["suppression"]["kind"], "tag");
    EXPECT_EQ(f["suppression"]["reason"], "moving to a compute role in WEB-481, due 2027-01-15");
  }
  std::vector<std::string> notices = Notices(j);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].find("iamlint:skip tag on aws_amplify_app.web is not applied"),
            std::string::npos)
      << notices[0];
  EXPECT_GT(j["notices"][0]["line"].get<int>(), 0);
}

// --- baselines -------------------------------------------------------------------------------

TEST_F(ConfigTest, BaselineHidesKnownFindingsAndShowsNewAndGoneOnes) {
  CopyPlan("module-for-each.plan.json", "plan.json");
  RunResult b = Run({"baseline", "plan.json", "-o", "iamlint-baseline.json"});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  EXPECT_NE(b.out.find("baseline of 2 findings written"), std::string::npos) << b.out;
  nlohmann::json base = nlohmann::json::parse(ReadText(Path("iamlint-baseline.json")));
  ASSERT_EQ(base["findings"].size(), 2u);
  EXPECT_EQ(base["findings"][0]["file"], "plan.json");

  int code = 0;
  nlohmann::json j = CheckJson({"plan.json", "--baseline", "iamlint-baseline.json"}, &code);
  EXPECT_EQ(code, 0);
  EXPECT_TRUE(j["findings"].empty()) << j["findings"].dump();
  EXPECT_EQ(j["baseline"]["matched"], 2);
  EXPECT_TRUE(j["baseline"]["absent"].empty());

  // The same plan reformatted (every line moves) and with its resources in reverse order:
  // still the same findings.
  nlohmann::json plan = nlohmann::json::parse(ReadText(Path("plan.json")));
  auto& mods = plan["planned_values"]["root_module"]["child_modules"];
  std::reverse(mods.begin(), mods.end());
  for (auto& m : mods) std::reverse(m["resources"].begin(), m["resources"].end());
  Write("plan.json", plan.dump(1));
  j = CheckJson({"plan.json", "--baseline", "iamlint-baseline.json"}, &code);
  EXPECT_EQ(code, 0);
  EXPECT_TRUE(j["findings"].empty()) << j["findings"].dump(2);
  EXPECT_EQ(j["baseline"]["matched"], 2);

  // A new problem in another file is reported; the baseline's findings that are gone (the
  // plan was fixed) are listed as absent.
  CopyPlan("seed-after.plan.json", "plan.json");
  CopyPlan("seed-keys.plan.json", "keys.json");
  j = CheckJson({"plan.json", "keys.json", "--baseline", "iamlint-baseline.json"}, &code);
  EXPECT_EQ(code, 1);
  EXPECT_FALSE(j["findings"].empty());
  for (const auto& f : j["findings"]) EXPECT_NE(f["location"]["file"], "plan.json");
  EXPECT_EQ(j["baseline"]["matched"], 0);
  EXPECT_EQ(j["baseline"]["absent"].size(), 2u);
  RunResult text = Run({"check", "plan.json", "--baseline", "iamlint-baseline.json"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("module.web[\"dev\"]"), std::string::npos)
      << "absent entries are listed: " << text.out;
}

TEST_F(ConfigTest, BrokenBaselineIsALocatedError) {
  CopyPlan("seed-before.plan.json", "plan.json");
  Write("b.json", "{\n  \"iamlint_baseline\": 1,\n  \"findings\": [\n    {\"rule\": }\n  ]\n}\n");
  RunResult r = Run({"check", "plan.json", "--baseline", "b.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("b.json:4:"), std::string::npos) << r.out << r.err;
  Write("b.json", "{\"something\": \"else\"}\n");
  r = Run({"check", "plan.json", "--baseline", "b.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("not an iamlint baseline"), std::string::npos) << r.out << r.err;
}

// --- outputs ---------------------------------------------------------------------------------

TEST_F(ConfigTest, SeveralFormatsInOneRunWrittenToFiles) {
  CopyPlan("seed-before.plan.json", "plan.json");
  // The folder does not exist: a clear error, exit 2, and no folder made behind the user's back.
  RunResult r = Run({"check", "plan.json", "--format", "text", "--format", "json=out/report.json",
                     "--format", "sarif=iamlint.sarif"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot write out/report.json"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Path("out")));
  fs::create_directories(Path("out"));
  r = Run({"check", "plan.json", "--format", "text", "--format", "json=out/report.json", "--format",
           "sarif=iamlint.sarif"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("AMP001"), std::string::npos);  // text on standard output
  EXPECT_EQ(r.out.find("\"findings\""), std::string::npos);
  nlohmann::json j = nlohmann::json::parse(ReadText(Path("out/report.json")));
  EXPECT_EQ(j["findings"].size(), 2u);
  nlohmann::json sarif = nlohmann::json::parse(ReadText(Path("iamlint.sarif")));
  EXPECT_EQ(sarif["version"], "2.1.0");
  // No temporary files are left beside the outputs.
  for (const auto& e : fs::directory_iterator(Path("out"))) {
    EXPECT_EQ(e.path().filename(), "report.json");
  }
  // --output for the one format without a file.
  r = Run({"check", "plan.json", "--format", "markdown", "-o", "summary.md"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(ReadText(Path("summary.md")).find("AMP002"), std::string::npos);
}

TEST_F(ConfigTest, OutputsThatCannotWorkAreRefused) {
  CopyPlan("seed-before.plan.json", "plan.json");
  const std::string before = ReadText(Path("plan.json"));
  RunResult r = Run({"check", "plan.json", "-o", "plan.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("it is an input"), std::string::npos) << r.err;
  EXPECT_EQ(ReadText(Path("plan.json")), before) << "iamlint never writes to its inputs";
  r = Run({"check", "plan.json", "--format", "json", "--format", "sarif"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("several formats would go to standard output"), std::string::npos);
  r = Run({"check", "plan.json", "--format", "yaml"});
  EXPECT_EQ(r.exit_code, 2);
  r = Run({"baseline", "plan.json", "-o", "plan.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(ReadText(Path("plan.json")), before);
}

}  // namespace
}  // namespace iamlint
