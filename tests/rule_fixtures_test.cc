// Fixture-driven rule tests. Each rule has a folder fixtures/rules/<ID>/ with cases:
//   bad_*.case   inputs that must make the rule report at its default severity
//   note_*.case  inputs that must make it report notes only
//   warn_*.case  inputs that must make it report warnings only (rules whose finding is milder
//                than their default severity in some cases)
//   good_*.case  inputs that must keep it quiet
// A case file lists input paths (relative to the project root), one per line; all
// of them are checked together (so several AWS CLI dumps describe one account).
// Beside each case, <case>.expected holds the golden text output of that rule.
// Regenerate goldens for review with IAMLINT_UPDATE_GOLDEN=1.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "load/load.h"
#include "report/report.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::SourceDir;

struct Case {
  std::string rule;  // folder name, e.g. AMP001
  std::string kind;  // bad, note, good
  std::string name;  // file stem
  std::string path;  // the .case file
};

std::vector<Case> DiscoverCases() {
  std::vector<Case> out;
  fs::path root = fs::path(SourceDir()) / "fixtures" / "rules";
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(root, ec)) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      if (f.path().extension() != ".case") continue;
      std::string stem = f.path().stem().string();
      Case c;
      c.rule = dir.path().filename().string();
      c.kind = stem.substr(0, stem.find('_'));
      c.name = stem;
      c.path = f.path().string();
      out.push_back(c);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Case& a, const Case& b) { return a.rule + a.name < b.rule + b.name; });
  return out;
}

std::vector<std::string> CaseInputs(const std::string& case_file) {
  std::vector<std::string> inputs;
  std::istringstream in(ReadText(case_file));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') inputs.push_back(line);
  }
  return inputs;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.rule << "/" << c.name; }

class RuleFixture : public ::testing::TestWithParam<Case> {};

TEST_P(RuleFixture, MatchesExpectation) {
  const Case& c = GetParam();
  ASSERT_EQ(chdir(SourceDir().c_str()), 0);
  ASSERT_NE(FindRule(c.rule), nullptr) << "fixture folder for unknown rule " << c.rule;
  std::vector<std::string> inputs = CaseInputs(c.path);
  ASSERT_FALSE(inputs.empty()) << c.path << " lists no inputs";
  LoadResult loaded = LoadPaths(inputs, LoadOptions());
  for (const auto& e : loaded.errors) ADD_FAILURE() << e.file << ":" << e.line << ": " << e.message;

  Report report;
  for (auto& f : RunRules(loaded.model)) {
    if (f.rule == c.rule) report.findings.push_back(f);
  }
  report.files_loaded = loaded.files_loaded;
  const Severity def = FindRule(c.rule)->info->severity;
  if (c.kind == "bad") {
    bool fired = std::any_of(report.findings.begin(), report.findings.end(),
                             [&](const Finding& f) { return f.severity == def; });
    EXPECT_TRUE(fired) << c.rule << " did not fire on " << c.name;
  } else if (c.kind == "note" || c.kind == "warn") {
    const Severity want = c.kind == "note" ? Severity::kNote : Severity::kWarning;
    EXPECT_FALSE(report.findings.empty()) << c.rule << " gave no " << c.kind << " on " << c.name;
    for (const auto& f : report.findings) {
      EXPECT_EQ(f.severity, want) << f.message;
    }
  } else {
    ASSERT_EQ(c.kind, "good") << "case names start with bad_, warn_, note_ or good_: " << c.name;
    for (const auto& f : report.findings) ADD_FAILURE() << "unexpected: " << f.message;
  }

  std::ostringstream text;
  WriteText(report, text, /*color=*/false);
  std::string golden_path = c.path.substr(0, c.path.size() - 5) + ".expected";
  if (std::getenv("IAMLINT_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path, std::ios::binary) << text.str();
    return;
  }
  ASSERT_TRUE(fs::exists(golden_path))
      << golden_path << " is missing: run the tests with IAMLINT_UPDATE_GOLDEN=1 and review it";
  EXPECT_EQ(text.str(), ReadText(golden_path)) << "golden output differs for " << c.path;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RuleFixture, ::testing::ValuesIn(DiscoverCases()),
                         [](const ::testing::TestParamInfo<Case>& param) {
                           std::string n = param.param.rule + "_" + param.param.name;
                           for (char& ch : n) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

// Every rule has at least one case that makes it fire and one that keeps it quiet.
TEST(RuleFixtures, EveryRuleHasFiringAndQuietCases) {
  auto cases = DiscoverCases();
  for (const auto& r : AllRules()) {
    bool bad = false;
    bool good = false;
    for (const auto& c : cases) {
      if (c.rule != r.info->id) continue;
      bad = bad || c.kind == "bad";
      good = good || c.kind == "good";
    }
    EXPECT_TRUE(bad) << r.info->id << " has no bad_*.case fixture";
    EXPECT_TRUE(good) << r.info->id << " has no good_*.case fixture";
  }
}

}  // namespace
}  // namespace iamlint
