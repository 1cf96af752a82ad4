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
using testing::RunInProcess;
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
  EXPECT_EQ(rule0["name"], "ssr-missing-compute-role");
  EXPECT_EQ(rule0["shortDescription"]["text"], Rule("AMP001")->summary);
  EXPECT_EQ(rule0["fullDescription"]["text"], Rule("AMP001")->what);
  EXPECT_EQ(rule0["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rule0["properties"]["security-severity"], "8.0");
  EXPECT_EQ(rule0["properties"]["tags"][0], "security");
  EXPECT_NE(rule0["help"]["text"].get<std::string>().find(Rule("AMP001")->fix), std::string::npos);
  EXPECT_NE(rule0["help"]["markdown"].get<std::string>().find("### Fix"), std::string::npos);
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["level"], "error");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "plans/a%20b.json");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "SRCROOT");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
  EXPECT_EQ(results[0]["ruleId"], "AMP001");
  EXPECT_EQ(results[0]["ruleIndex"], 0);
  EXPECT_EQ(results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "module.web[\"dev\"].aws_amplify_app.this");
  EXPECT_EQ(results[0]["properties"]["resource"], "module.web[\"dev\"].aws_amplify_app.this");
  EXPECT_EQ(results[0]["properties"]["hint"], "set compute_role_arn");
  EXPECT_EQ(results[0]["message"]["text"].get<std::string>().rfind(
                AwkwardReport().findings[0].message, 0),
            0u);
  EXPECT_EQ(results[0]["relatedLocations"][0]["id"], 1);
  EXPECT_EQ(results[0]["relatedLocations"][0]["message"]["text"], "service role");
  EXPECT_EQ(results[0]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 40);
  EXPECT_FALSE(results[0].contains("suppressions"));
  EXPECT_EQ(results[0]["partialFingerprints"]["iamlint/v1"], "0123456789abcdef");
  // No line known: the file's first line (a region is needed by the validator and GitHub).
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
  EXPECT_EQ(results[1]["properties"]["json-pointer"], "/planned_values/root_module/resources/0");
  EXPECT_EQ(results[1]["suppressions"][0]["kind"], "external");
  EXPECT_EQ(results[1]["suppressions"][0]["justification"], "TICKET-1 <soon>");
  // Invalid UTF-8 became U+FFFD, control characters are JSON-escaped.
  EXPECT_EQ(results[1]["message"]["text"].get<std::string>().rfind(
                "bad bytes \xEF\xBF\xBD\xEF\xBF\xBD and control \x01 here", 0),
            0u);
  EXPECT_EQ(results[2]["level"], "warning");
  const auto& rules = run["tool"]["driver"]["rules"];
  EXPECT_EQ(rules[results[2]["ruleIndex"].get<size_t>()]["id"], "IAM010");
  const auto& inv = run["invocations"][0];
  EXPECT_FALSE(inv["executionSuccessful"].get<bool>());
  EXPECT_EQ(inv["toolExecutionNotifications"][0]["level"], "error");
  EXPECT_EQ(inv["toolConfigurationNotifications"][0]["level"], "warning");
  std::string root = run["originalUriBaseIds"]["SRCROOT"]["uri"];
  EXPECT_EQ(root.rfind("file:///", 0), 0u) << root;
  EXPECT_EQ(root.back(), '/');
}

TEST(ReportFormats, SarifPathsAreRelativeToTheRootOrAbsoluteFileUris) {
  const fs::path root =
      fs::temp_directory_path() / ("iamlint_sarif_root_" + std::to_string(getpid()));
  Report r;
  for (const auto& rule : AllRules()) r.rules.push_back({rule.info, rule.info->severity});
  Finding f = AwkwardReport().findings[0];
  f.loc.file = (root / "envs" / "dev plan.json").string();  // under the root
  f.related = {{"elsewhere", Location{"/elsewhere/x%y.json", "", 3}},
               {"statement", Location{"(bundled AWS managed policy) arn:aws:iam::aws:policy/P",
                                      "/Statement/0", 0}}};
  f.suppressed = true;
  f.suppression_kind = "tag";
  f.suppression_reason = "accepted";
  r.findings.push_back(f);
  std::ostringstream out;
  WriteSarif(r, out, ReportOptions{false, root.string()});
  nlohmann::json s = nlohmann::json::parse(out.str());
  const auto& run = s["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["SRCROOT"]["uri"],
            "file://" + root.lexically_normal().generic_string() + "/");
  const auto& res = run["results"][0];
  EXPECT_EQ(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "envs/dev%20plan.json");
  EXPECT_EQ(res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "SRCROOT");
  // Outside the root: an absolute file:// URI without a base.
  const auto& rel = res["relatedLocations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(rel["uri"], "file:///elsewhere/x%25y.json");
  EXPECT_FALSE(rel.contains("uriBaseId"));
  // Not a file (a bundled managed policy): a logical location only.
  const auto& bundled = res["relatedLocations"][1];
  EXPECT_FALSE(bundled.contains("physicalLocation"));
  EXPECT_EQ(bundled["logicalLocations"][0]["fullyQualifiedName"],
            "(bundled AWS managed policy) arn:aws:iam::aws:policy/P");
  EXPECT_EQ(bundled["id"], 2);
  EXPECT_EQ(res["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(res["suppressions"][0]["justification"], "accepted");
  EXPECT_TRUE(run["invocations"][0]["executionSuccessful"].get<bool>());
}

TEST(ReportFormats, SarifRuleLevelsFollowTheConfiguredSeverity) {
  Report r;
  for (const auto& rule : AllRules()) {
    r.rules.push_back({rule.info, std::string(rule.info->id) == "AMP001" ? Severity::kNote
                                                                         : rule.info->severity});
  }
  std::ostringstream out;
  WriteSarif(r, out, ReportOptions{});
  nlohmann::json s = nlohmann::json::parse(out.str());
  const auto& rule0 = s["runs"][0]["tool"]["driver"]["rules"][0];
  EXPECT_EQ(rule0["defaultConfiguration"]["level"], "note");
  EXPECT_EQ(rule0["properties"]["security-severity"], "2.0");
  EXPECT_EQ(s["runs"][0]["results"].size(), 0u);
}

/// `r` as after `check --baseline`: `matched` findings held back, one entry no longer found.
Report WithBaseline(Report r, size_t matched) {
  r.baseline.file = "iamlint-baseline.json";
  r.baseline.matched = matched;
  Finding gone;
  gone.rule = "IAM001";
  gone.resource = "aws_iam_policy.admin";
  gone.input = "plans/old.json";
  gone.message = "admin";
  gone.fingerprint = "feedface";
  r.baseline.absent.push_back(gone);
  return r;
}

TEST(ReportFormats, JsonKeepsItsContractAndAddsSuppressionsNoticesBaseline) {
  Report r = WithBaseline(AwkwardReport(), 4);
  std::ostringstream out;
  WriteJson(r, out);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(out.str());
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"version", "findings", "errors", "notices", "baseline",
                                            "summary"}));
  keys.clear();
  for (const auto& [k, v] : j["findings"][1].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"rule", "name", "severity", "message", "resource",
                                            "location", "hint", "related", "suppressed",
                                            "suppression", "fingerprint"}));
  EXPECT_FALSE(j["findings"][0]["suppressed"].get<bool>());
  EXPECT_FALSE(j["findings"][0].contains("suppression"));
  EXPECT_TRUE(j["findings"][1]["suppressed"].get<bool>());
  EXPECT_EQ(j["findings"][1]["suppression"]["kind"], "config");
  EXPECT_EQ(j["findings"][1]["suppression"]["reason"], "TICKET-1 <soon>");
  EXPECT_EQ(j["findings"][1]["fingerprint"], "0123456789abcdef");
  EXPECT_EQ(j["notices"][0]["file"], ".iamlint.yaml");
  EXPECT_EQ(j["notices"][0]["line"], 7);
  EXPECT_EQ(j["baseline"]["matched"], 4);
  EXPECT_EQ(j["baseline"]["absent"][0]["file"], "plans/old.json");
  EXPECT_EQ(j["baseline"]["absent"][0]["fingerprint"], "feedface");
  keys.clear();
  for (const auto& [k, v] : j["summary"].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"files_checked", "files_skipped", "errors", "warnings",
                                            "notes", "input_errors", "suppressed"}));
  EXPECT_EQ(j["summary"]["errors"], 1);  // the suppressed error is not counted
  EXPECT_EQ(j["summary"]["warnings"], 1);
  EXPECT_EQ(j["summary"]["suppressed"], 1);
  // No baseline: no "baseline" key.
  std::ostringstream plain;
  WriteJson(AwkwardReport(), plain);
  EXPECT_FALSE(nlohmann::json::parse(plain.str()).contains("baseline"));
}

TEST(ReportFormats, TextCountsButDoesNotListSuppressedFindings) {
  Report r = WithBaseline(AwkwardReport(), 2);
  std::ostringstream out;
  WriteText(r, out, false);
  const std::string text = out.str();
  EXPECT_EQ(text.find("AMP002"), std::string::npos) << text;
  EXPECT_NE(text.find(".iamlint.yaml:7: notice suppression of AMP004 matched no finding\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("notice baseline entry no longer occurs (fixed?): IAM001 on "
                      "aws_iam_policy.admin in plans/old.json"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("1 error(s), 1 warning(s), 0 note(s), 1 suppressed, 1 input error(s)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("held back 2 known finding(s)"), std::string::npos) << text;
  // Notices come before the summary.
  EXPECT_LT(text.find("notice"), text.find("iamlint: 2 files checked"));
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
  // An input's line break is shown (\n), not passed to the runner (it would end the command).
  EXPECT_NE(first.find("nl\\nend"), std::string::npos) << first;
  EXPECT_NE(first.find("%0AFix: set compute_role_arn"), std::string::npos) << first;
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
    // Input text is a code span: `<` stays a character, nothing in it is HTML.
    EXPECT_NE(line.find("``quote \" amp & lt < gt"), std::string::npos) << line;
  }
  EXPECT_NE(md.find("<details><summary>1 suppressed finding(s)</summary>"), std::string::npos);
  EXPECT_NE(md.find("`TICKET-1 <soon>`"), std::string::npos) << md;
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

// --- external validators: the real binary's output and the awkward report --------------------
//
// The validators come from the npm registry (tests/validators/install.sh, the setup_validators
// CTest fixture) plus xmllint (Debian package libxml2-utils). In CI (CI=true) a missing validator
// fails these tests; elsewhere they are reported as skipped, with what is missing, as the
// differential test does without its simulator: never counted as validated.

std::string ValidatorDir() { return std::string(IAMLINT_BUILD_DIR) + "/test-tools/validators"; }

/// Empty when every validator is installed, else what is missing.
std::string MissingValidators() {
  std::string missing;
  if (!fs::exists(ValidatorDir() + "/sarif-multitool")) missing += " sarif-multitool (npm)";
  if (!fs::exists(ValidatorDir() + "/junit.xsd")) missing += " junit.xsd (npm)";
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) missing += " xmllint";
  return missing;
}

struct Validation {
  int exit_code = -1;
  std::vector<std::string> problems;  // error and warning results
  size_t errors = 0;                  // error results alone
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
  if (j.is_discarded() || !j.contains("runs")) {
    v.problems.push_back("no validation log");
    return v;
  }
  for (const auto& res : j["runs"][0]["results"]) {
    std::string level = res.value("level", "warning");
    if (level == "error" || level == "warning") v.problems.push_back(res.dump());
    if (level == "error") ++v.errors;
  }
  return v;
}

int XmlLint(const std::string& file) {
  std::string cmd = "xmllint --noout --schema " + ShellQuote(ValidatorDir() + "/junit.xsd") + " " +
                    ShellQuote(file) + " >/dev/null 2>&1";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// The value of an XPath expression over `file` (xmllint --xpath), e.g. a count().
std::string XPath(const std::string& file, const std::string& expr) {
  std::string cmd = "xmllint --xpath " + ShellQuote(expr) + " " + ShellQuote(file) + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return "";
  char buf[256];
  std::string out;
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

/// Schema-valid, and the tests/failures/errors/skipped counts match the elements.
void ExpectValidJunit(const std::string& file, const std::string& what) {
  EXPECT_EQ(XmlLint(file), 0) << what << "\n" << ReadText(file);
  EXPECT_EQ(XPath(file, "string(/testsuites/@tests)"), XPath(file, "count(//testcase)")) << what;
  EXPECT_EQ(XPath(file, "string(/testsuites/@failures)"), XPath(file, "count(//failure)")) << what;
  EXPECT_EQ(XPath(file, "string(/testsuites/@errors)"), XPath(file, "count(//error)")) << what;
  EXPECT_EQ(XPath(file, "sum(//testsuite/@tests)"), XPath(file, "count(//testcase)")) << what;
  EXPECT_EQ(XPath(file, "sum(//testsuite/@skipped)"), XPath(file, "count(//skipped)")) << what;
  EXPECT_EQ(XPath(file, "count(//testcase[count(failure) > 1])"), "0") << what;
}

class Validators : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = MissingValidators();
    const char* ci = std::getenv("CI");
    if (!missing.empty() && (ci == nullptr || std::string(ci) != "true")) {
      GTEST_SKIP() << "SARIF/JUnit validators missing:" << missing
                   << " (tests/validators/install.sh needs node >= 20 and npm; xmllint is in "
                      "libxml2-utils): not validated";
    }
    ASSERT_TRUE(missing.empty()) << "SARIF/JUnit validators missing in CI:" << missing;
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
      {"fixtures/plans/module-for-each.plan.json"},
      {"fixtures/cli/seed-before"},
      {"fixtures/plans/skip-tag.plan.json", "fixtures/policies"},
      {"fixtures/plans/managed-policy-on-service-role.plan.json"},
      {"fixtures/plans/seed-after.plan.json", broken},
      {broken},
  };
  for (const auto& args : runs) {
    const std::string out = work_ + "/out.sarif";
    fs::remove(out);
    std::vector<std::string> full = {"check", "--format", "sarif=" + out};
    full.insert(full.end(), args.begin(), args.end());
    RunResult r = RunInProcess(full);
    ASSERT_NE(r.exit_code, -1) << r.err;
    ASSERT_TRUE(fs::exists(out)) << args[0] << r.err;
    Validation v = ValidateSarif(out, work_);
    EXPECT_EQ(v.exit_code, 0) << args[0] << "\n" << v.raw;
    EXPECT_TRUE(v.problems.empty()) << args[0] << "\n" << ::testing::PrintToString(v.problems);
    if (args.back() == broken) {
      nlohmann::json s = nlohmann::json::parse(ReadText(out));
      const auto& inv = s["runs"][0]["invocations"][0];
      EXPECT_FALSE(inv["executionSuccessful"].get<bool>());
      EXPECT_EQ(inv["toolExecutionNotifications"][0]["level"], "error");
    }
  }
}

TEST_F(Validators, SarifOfTheAwkwardReportPassesMicrosoftsValidator) {
  const std::string out = work_ + "/awkward.sarif";
  std::ofstream(out) << Write("sarif", AwkwardReport());
  Validation v = ValidateSarif(out, work_);
  EXPECT_EQ(v.exit_code, 0) << v.raw;
  EXPECT_TRUE(v.problems.empty()) << ::testing::PrintToString(v.problems);
}

TEST_F(Validators, TheSarifValidatorCatchesABrokenLog) {
  // The checks above could not fail if the validator accepted anything: feed it a log without
  // the mandatory tool object and with a result of an unknown level.
  RunResult r =
      RunInProcess({"check", "--format", "sarif", "fixtures/plans/seed-before.plan.json"});
  nlohmann::json j = nlohmann::json::parse(r.out);
  j["runs"][0].erase("tool");
  const std::string bad = work_ + "/bad.sarif";
  std::ofstream(bad) << j.dump(2);
  Validation v = ValidateSarif(bad, work_);
  // (`validate` exits 0 even when it reports errors: the results in its log are the verdict.)
  EXPECT_GT(v.errors, 0u) << v.raw;
}

TEST_F(Validators, JunitOfRealRunsMatchesTheJunitSchema) {
  const std::string broken = work_ + "/broken.json";
  std::ofstream(broken) << "{\"Statement\": [\n";
  const std::vector<std::vector<std::string>> runs = {
      {"fixtures/plans/seed-before.plan.json", "fixtures/plans/seed-after.plan.json"},
      {"fixtures/plans/module-for-each.plan.json", "fixtures/cli/seed-before"},
      {"fixtures/plans/skip-tag.plan.json", "fixtures/cli/seed-keys"},
      {"fixtures/policies", broken},
  };
  for (const auto& args : runs) {
    const std::string out = work_ + "/out.xml";
    fs::remove(out);
    std::vector<std::string> full = {"check", "--format", "junit=" + out};
    full.insert(full.end(), args.begin(), args.end());
    RunInProcess(full);
    ASSERT_TRUE(fs::exists(out)) << args[0];
    ExpectValidJunit(out, args[0]);
  }
  // And the schema check can fail: an element JUnit does not know.
  const std::string bad = work_ + "/bad.xml";
  std::ofstream(bad) << "<testsuites><testsuite name=\"x\" tests=\"1\"><finding/></testsuite>"
                        "</testsuites>\n";
  EXPECT_NE(XmlLint(bad), 0);
  // ... and so can well-formedness: a raw control character.
  std::ofstream(bad) << "<testsuites><testsuite name=\"x\x01\" tests=\"0\"/></testsuites>\n";
  EXPECT_NE(XmlLint(bad), 0);
}

TEST_F(Validators, JunitOfTheAwkwardReportMatchesTheJunitSchema) {
  Report r = AwkwardReport();
  // Odd bytes in file names too: they become attribute values.
  r.inputs.push_back("plans/\"q\" <&> \x02 \xc3\x28.json");
  Finding f = r.findings[0];
  f.input = f.loc.file = r.inputs.back();
  r.findings.push_back(f);
  const std::string out = work_ + "/awkward.xml";
  std::ofstream(out) << Write("junit", r);
  ExpectValidJunit(out, "awkward report");
  EXPECT_EQ(XPath(out, "count(//skipped)"), "1");
  EXPECT_EQ(XPath(out, "string(//testcase[@name='load']/error/@type)"), "input-error");
  EXPECT_EQ(XPath(out, "string(//testsuite[@name='plans/a b.json']/testcase[failure]/@name)"),
            "AMP001 ssr-missing-compute-role");
}

}  // namespace
}  // namespace iamlint
