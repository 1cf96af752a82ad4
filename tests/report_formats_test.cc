// Report formats: every format from the same findings, checked by parsing them back, and the
// real binary's SARIF and JUnit output checked by external validators (Microsoft's SARIF
// multitool; xmllint against the Jenkins JUnit schema), installed by the setup_validators
// CTest fixture into build/test-tools/validators.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/report.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::RunIamlint;
using testing::RunResult;
using testing::ShellQuote;

const RuleInfo* Rule(const char* id) { return FindRule(id)->info; }

/// A report with the awkward parts: suppressed and related findings, no line, characters
/// every format must escape, invalid UTF-8, an input error and a notice.
Report AwkwardReport() {
  Report r;
  r.inputs = {"plans/a b.json", "plans/x.json"};
  for (const auto& rule : AllRules()) r.rules.push_back({rule.info, rule.info->severity});
  Finding f;
  f.rule = "AMP001";
  f.name = Rule("AMP001")->name;
  f.severity = Severity::kError;
  f.message = "quote \" amp & lt < gt > apos ' pct % colon : comma , pipe | back ` nl\nend";
  f.resource = "module.web[\"dev\"].aws_amplify_app.this";
  f.loc = Location{"plans/a b.json", "/planned_values/root_module/resources/0", 12};
  f.input = "plans/a b.json";
  f.hint = "set compute_role_arn";
  f.related.push_back({"service role", Location{"plans/a b.json", "/x", 40}});
  f.fingerprint = "0123456789abcdef";
  r.findings.push_back(f);
  Finding g = f;
  g.rule = "AMP002";
  g.name = Rule("AMP002")->name;
  g.message = std::string("bad bytes \xff\xfe and control \x01 here");
  g.loc.line = 0;
  g.related.clear();
  g.suppressed = true;
  g.suppression_kind = "config";
  g.suppression_reason = "TICKET-1 <soon>";
  r.findings.push_back(g);
  Finding w = f;
  w.rule = "IAM010";
  w.name = Rule("IAM010")->name;
  w.severity = Severity::kWarning;
  w.message = "dynamodb:* on *";
  r.findings.push_back(w);
  r.errors.push_back(LoadError{"plans/broken.json", 3, "/x", "invalid JSON at line 3"});
  r.notices.push_back(Notice{".iamlint.yaml", 7, "suppression of AMP004 matched no finding"});
  r.files_loaded = 2;
  return r;
}

std::string Write(const std::string& format, const Report& r) {
  std::ostringstream out;
  WriteReport(format, r, out, ReportOptions{});
  return out.str();
}

TEST(ReportFormats, EveryFormatIsProducedFromTheSameFindings) {
  const Report r = AwkwardReport();
  for (const auto& format : ReportFormats()) {
    std::string text = Write(format, r);
    EXPECT_FALSE(text.empty()) << format;
    if (format == "json" || format == "sarif") {
      EXPECT_TRUE(nlohmann::json::accept(text)) << format << "\n" << text;
    }
    // The unsuppressed findings appear in every format (SARIF, JSON also list suppressed ones).
    EXPECT_NE(text.find("AMP001"), std::string::npos) << format;
    EXPECT_NE(text.find("IAM010"), std::string::npos) << format;
  }
}

TEST(ReportFormats, SarifCarriesRulesLevelsSuppressionsAndNotifications) {
  nlohmann::json s = nlohmann::json::parse(Write("sarif", AwkwardReport()));
  EXPECT_EQ(s["version"], "2.1.0");
  const auto& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), AllRules().size());
  const auto& rule0 = run["tool"]["driver"]["rules"][0];
  EXPECT_EQ(rule0["id"], "AMP001");
  EXPECT_EQ(rule0["name"], "SsrMissingComputeRole");
  EXPECT_EQ(rule0["properties"]["rule-name"], "ssr-missing-compute-role");
  EXPECT_EQ(rule0["properties"]["security-severity"], "8.0");
  EXPECT_NE(rule0["help"]["markdown"].get<std::string>().find("### Fix"), std::string::npos);
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["level"], "error");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "plans/a%20b.json");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "SRCROOT");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
  EXPECT_EQ(results[0]["relatedLocations"][0]["id"], 1);
  EXPECT_EQ(results[0]["partialFingerprints"]["iamlint/v1"], "0123456789abcdef");
  EXPECT_FALSE(results[1]["locations"][0]["physicalLocation"].contains("region"));
  EXPECT_EQ(results[1]["suppressions"][0]["kind"], "external");
  EXPECT_EQ(results[1]["suppressions"][0]["justification"], "TICKET-1 <soon>");
  EXPECT_EQ(results[2]["level"], "warning");
  const auto& inv = run["invocations"][0];
  EXPECT_FALSE(inv["executionSuccessful"].get<bool>());
  EXPECT_EQ(inv["toolExecutionNotifications"][0]["level"], "error");
  EXPECT_EQ(inv["toolConfigurationNotifications"][0]["level"], "warning");
  std::string root = run["originalUriBaseIds"]["SRCROOT"]["uri"];
  EXPECT_EQ(root.rfind("file:///", 0), 0u) << root;
  EXPECT_EQ(root.back(), '/');
}

TEST(ReportFormats, GithubCommandsEscapeDataAndProperties) {
  std::string out = Write("github", AwkwardReport());
  std::istringstream lines(out);
  std::string first;
  std::getline(lines, first);
  EXPECT_EQ(
      first.rfind("::error file=plans/a b.json,line=12,title=AMP001 ssr-missing-compute-role::", 0),
      0u)
      << first;
  EXPECT_NE(first.find("pct %25 colon : comma , pipe"), std::string::npos) << first;
  EXPECT_NE(first.find("nl%0Aend"), std::string::npos) << first;
  EXPECT_EQ(out.find("TICKET-1"), std::string::npos) << "suppressed findings are not annotated";
  EXPECT_NE(out.find("::warning file=plans/a b.json,line=12,title=IAM010"), std::string::npos);
  EXPECT_NE(out.find("::error file=plans/broken.json,line=3,title=iamlint input error::"),
            std::string::npos);
  EXPECT_NE(out.find("::warning file=.iamlint.yaml,line=7,title=iamlint configuration::"),
            std::string::npos);
  // Property values escape ':' and ','.
  Report r;
  Finding f = AwkwardReport().findings[0];
  f.loc.file = "C:odd,name.json";
  r.findings.push_back(f);
  EXPECT_NE(Write("github", r).find("file=C%3Aodd%2Cname.json,"), std::string::npos);
}

TEST(ReportFormats, MarkdownTableCellsStayInTheirCells) {
  std::string md = Write("markdown", AwkwardReport());
  EXPECT_NE(md.find("**1** error(s), **1** warning(s), **0** note(s), 1 suppressed"),
            std::string::npos)
      << md;
  for (std::istringstream in(md); !in.eof();) {
    std::string line;
    std::getline(in, line);
    if (line.rfind("| error | AMP001", 0) != 0) continue;
    // Five cells: six unescaped pipes.
    size_t pipes = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    }
    EXPECT_EQ(pipes, 6u) << line;
    EXPECT_NE(line.find("&lt;"), std::string::npos);
  }
  EXPECT_NE(md.find("<details><summary>1 suppressed finding(s)</summary>"), std::string::npos);
  EXPECT_NE(md.find("TICKET-1 &lt;soon&gt;"), std::string::npos);
  Report clean;
  clean.files_loaded = 1;
  EXPECT_NE(Write("markdown", clean).find("No findings."), std::string::npos);
}

TEST(ReportFormats, JunitIsWellFormedWithOneCasePerRuleAndInput) {
  const Report r = AwkwardReport();
  std::string xml = Write("junit", r);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find("\xff"), std::string::npos);
  EXPECT_NE(xml.find("&quot;"), std::string::npos);
  // 2 inputs x every rule, plus the load case of the broken input.
  std::string total = "tests=\"" + std::to_string(2 * AllRules().size() + 1) + "\"";
  EXPECT_NE(xml.find("<testsuites name=\"iamlint\" " + total), std::string::npos) << xml;
  EXPECT_NE(xml.find("<skipped>suppressed: TICKET-1 &lt;soon&gt;</skipped>"), std::string::npos);
  EXPECT_NE(xml.find("<error message=\"invalid JSON at line 3\" type=\"input-error\">"),
            std::string::npos);
}

// --- external validators, on the real binary's output ----------------------------------------

std::string ValidatorDir() { return std::string(IAMLINT_BUILD_DIR) + "/test-tools/validators"; }

bool ValidatorsReady() {
  bool ready = fs::exists(ValidatorDir() + "/sarif-multitool") &&
               fs::exists(ValidatorDir() + "/junit.xsd") &&
               std::system("command -v xmllint >/dev/null 2>&1") == 0;
  const char* ci = std::getenv("CI");
  if (!ready && ci != nullptr && std::string(ci) == "true") {
    ADD_FAILURE() << "validators missing in CI (tests/validators/install.sh)";
  }
  return ready;
}

struct Validation {
  int exit_code = -1;
  std::vector<std::string> problems;  // error and warning results
  std::string raw;
};

/// Runs `Sarif.Multitool validate` (its default levels: errors and warnings) on `file`.
Validation ValidateSarif(const std::string& file, const std::string& work) {
  Validation v;
  const std::string log = work + "/validation.sarif";
  fs::remove(log);
  std::string cmd = ShellQuote(ValidatorDir() + "/sarif-multitool") + " validate " +
                    ShellQuote(file) + " --output " + ShellQuote(log) + " >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  v.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  v.raw = ReadText(log);
  nlohmann::json j = nlohmann::json::parse(v.raw, nullptr, false);
  if (j.is_discarded()) {
    v.problems.push_back("no validation log");
    return v;
  }
  for (const auto& res : j["runs"][0]["results"]) {
    std::string level = res.value("level", "warning");
    if (level == "error" || level == "warning") v.problems.push_back(res.dump());
  }
  return v;
}

class Validators : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ValidatorsReady()) GTEST_SKIP() << "SARIF/JUnit validators not installed (no npm)";
    work_ = (fs::temp_directory_path() / ("iamlint_validate_" + std::to_string(getpid()))).string();
    fs::create_directories(work_);
  }
  void TearDown() override {
    if (!work_.empty()) fs::remove_all(work_);
  }
  std::string work_;
};

TEST_F(Validators, SarifOfRealRunsPassesMicrosoftsValidator) {
  const std::string broken = work_ + "/broken.json";
  std::ofstream(broken) << "{\"format_version\": \"1.2\", \"planned_values\": [\n";
  const std::vector<std::vector<std::string>> runs = {
      {"fixtures/plans/seed-before.plan.json"},
      {"fixtures/plans/module-for-each.plan.json", "--tf-dir", "fixtures/tf/module-for-each"},
      {"fixtures/cli/seed-before"},
      {"fixtures/plans/skip-tag.plan.json", "fixtures/policies"},
      {"fixtures/plans/seed-after.plan.json", broken},
  };
  for (const auto& args : runs) {
    const std::string out = work_ + "/out.sarif";
    std::vector<std::string> full = {"check", "--format", "sarif=" + out};
    full.insert(full.end(), args.begin(), args.end());
    RunResult r = RunIamlint(full);
    ASSERT_NE(r.exit_code, -1) << r.err;
    ASSERT_TRUE(fs::exists(out)) << args[0] << r.err;
    Validation v = ValidateSarif(out, work_);
    EXPECT_EQ(v.exit_code, 0) << args[0] << "\n" << v.raw;
    EXPECT_TRUE(v.problems.empty()) << args[0] << "\n" << ::testing::PrintToString(v.problems);
  }
}

TEST_F(Validators, TheSarifValidatorCatchesABrokenLog) {
  // The check above could not fail if the validator accepted anything: feed it a log without
  // the mandatory tool object.
  RunResult r = RunIamlint({"check", "--format", "sarif", "fixtures/plans/seed-before.plan.json"});
  nlohmann::json j = nlohmann::json::parse(r.out);
  j["runs"][0].erase("tool");
  const std::string bad = work_ + "/bad.sarif";
  std::ofstream(bad) << j.dump(2);
  Validation v = ValidateSarif(bad, work_);
  EXPECT_FALSE(v.problems.empty() && v.exit_code == 0) << v.raw;
}

int XmlLint(const std::string& file) {
  std::string cmd = "xmllint --noout --schema " + ShellQuote(ValidatorDir() + "/junit.xsd") + " " +
                    ShellQuote(file) + " >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(Validators, JunitOfRealRunsMatchesTheJunitSchema) {
  const std::string broken = work_ + "/broken.json";
  std::ofstream(broken) << "{\"Statement\": [\n";
  const std::vector<std::vector<std::string>> runs = {
      {"fixtures/plans/seed-before.plan.json", "fixtures/plans/seed-after.plan.json"},
      {"fixtures/plans/skip-tag.plan.json", "fixtures/cli/seed-keys"},
      {"fixtures/policies", broken},
  };
  for (const auto& args : runs) {
    const std::string out = work_ + "/out.xml";
    std::vector<std::string> full = {"check", "--format", "junit=" + out};
    full.insert(full.end(), args.begin(), args.end());
    RunIamlint(full);
    ASSERT_TRUE(fs::exists(out));
    EXPECT_EQ(XmlLint(out), 0) << args[0] << "\n" << ReadText(out);
  }
  // And the schema check can fail: an element JUnit does not know.
  const std::string bad = work_ + "/bad.xml";
  std::ofstream(bad) << "<testsuites><testsuite name=\"x\" tests=\"1\"><finding/></testsuite>"
                        "</testsuites>\n";
  EXPECT_NE(XmlLint(bad), 0);
}

}  // namespace
}  // namespace iamlint
