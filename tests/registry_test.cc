// The rule registry is complete, its metadata well formed, and the README's rule
// table is the one generated from it.
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "report/report.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// One rule per file: each rules/*.cc registers exactly one rule, whose metadata is written
// with designated initialisers (`.id = "AMP001"`), and the file is named after its ID
// (rules/amp001_*.cc). Together the files register every rule there is.
TEST(Registry, EveryRuleFileRegistersOneRuleNamedAfterIt) {
  std::set<std::string> file_ids;
  size_t files = 0;
  const std::regex id_re("\\.id = \"([A-Z][A-Z0-9]{2}[0-9]{3})\"");
  for (const auto& f : fs::directory_iterator(testing::SourcePath("rules"))) {
    if (f.path().extension() != ".cc") continue;
    ++files;
    const std::string file = f.path().filename().string();
    const std::string text = testing::ReadText(f.path().string());
    EXPECT_EQ(Count(text, "IAMLINT_REGISTER_RULE("), 1u) << file;
    EXPECT_EQ(Count(text, "const RuleInfo "), 1u) << file;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text, m, id_re)) << file << " has no `.id = \"ABC123\"`";
    const std::string id = m[1];
    EXPECT_EQ(file.rfind(Lower(id) + "_", 0), 0u) << file << " registers " << id;
    EXPECT_TRUE(file_ids.insert(id).second) << "two files register " << id;
  }
  std::set<std::string> registered;
  for (const auto& r : AllRules()) registered.insert(r.info->id);
  EXPECT_EQ(AllRules().size(), files)
      << "each rules/*.cc must register exactly one rule (linked as an OBJECT library)";
  EXPECT_EQ(registered, file_ids);
}

TEST(Registry, MetadataIsWellFormedAndUnique) {
  std::set<std::string> ids;
  std::set<std::string> names;
  const std::regex id_re("[A-Z][A-Z0-9]{2}[0-9]{3}");
  const std::regex name_re("[a-z0-9]+(-[a-z0-9]+)*");
  for (const auto& r : AllRules()) {
    EXPECT_TRUE(std::regex_match(r.info->id, id_re)) << r.info->id;
    EXPECT_TRUE(std::regex_match(r.info->name, name_re)) << r.info->name;
    EXPECT_TRUE(ids.insert(r.info->id).second) << "duplicate ID " << r.info->id;
    EXPECT_TRUE(names.insert(r.info->name).second) << "duplicate name " << r.info->name;
    for (const char* text :
         {r.info->summary, r.info->what, r.info->why, r.info->example, r.info->fix}) {
      EXPECT_GT(std::string(text).size(), 10u) << r.info->id << " lacks documentation";
    }
  }
}

// Every rule links the AWS documentation of what it checks: one to three pages of
// docs.aws.amazon.com, each once.
TEST(Registry, EveryRuleHasAwsDocumentationReferences) {
  const std::regex url_re("https://docs\\.aws\\.amazon\\.com/[A-Za-z0-9_./#-]+");
  for (const auto& r : AllRules()) {
    const auto& refs = r.info->references;
    EXPECT_GE(refs.size(), 1u) << r.info->id << " has no references";
    EXPECT_LE(refs.size(), 3u) << r.info->id;
    std::set<std::string> seen;
    for (const auto& url : refs) {
      EXPECT_TRUE(std::regex_match(url, url_re)) << r.info->id << ": " << url;
      EXPECT_TRUE(seen.insert(url).second) << r.info->id << " lists " << url << " twice";
    }
  }
}

TEST(Registry, FindRuleByIdOrName) {
  ASSERT_NE(FindRule("amp001"), nullptr);
  EXPECT_EQ(std::string(FindRule("ssr-missing-compute-role")->info->id), "AMP001");
  EXPECT_EQ(FindRule("NOPE999"), nullptr);
}

TEST(Readme, RuleTableIsGeneratedFromMetadata) {
  std::string readme = testing::ReadText(testing::SourcePath("README.md"));
  const std::string begin = "<!-- rules:begin -->\n";
  const std::string end = "<!-- rules:end -->";
  size_t b = readme.find(begin);
  size_t e = readme.find(end);
  ASSERT_NE(b, std::string::npos) << "README lacks the rules table markers";
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(readme.substr(b + begin.size(), e - b - begin.size()), RuleTableMarkdown())
      << "README rule table is stale: replace it with the output of `iamlint rules --markdown`";
}

}  // namespace
}  // namespace iamlint

namespace iamlint {
namespace {

// The README's example is the binary's real output on the bundled seed plan.
TEST(Readme, ExampleOutputIsReal) {
  std::string readme = testing::ReadText(testing::SourcePath("README.md"));
  const std::string begin = "<!-- example:begin -->\n```text\n$ iamlint check ";
  size_t b = readme.find(begin);
  size_t e = readme.find("```\n<!-- example:end -->");
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  std::string block = readme.substr(b + begin.size(), e - b - begin.size());
  std::string args = block.substr(0, block.find('\n'));
  std::string expected = block.substr(block.find('\n') + 1);
  testing::RunResult r = testing::RunInProcess({"check", args});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, expected) << "README example is stale: paste the real output of iamlint check "
                             << args;
}

// Every other example of a command in the README (```text blocks starting `$ iamlint`, a
// command continued over lines with `\`) is the real output too, unless it is an excerpt
// (its output elides with "..."): run from the project root, it must print exactly that.
TEST(Readme, EveryCommandExampleIsReal) {
  const std::string readme = testing::ReadText(testing::SourcePath("README.md"));
  const std::string open = "```text\n$ iamlint ";
  int checked = 0;
  for (size_t b = readme.find(open); b != std::string::npos; b = readme.find(open, b + 1)) {
    const size_t start = b + open.size();
    const size_t end = readme.find("```\n", start);
    ASSERT_NE(end, std::string::npos);
    std::string block = readme.substr(start, end - start);
    std::string command;
    size_t nl = block.find('\n');
    for (std::string line = block.substr(0, nl);; line = block.substr(0, nl)) {
      const bool continued = !line.empty() && line.back() == '\\';
      command += continued ? line.substr(0, line.size() - 1) : line;
      block.erase(0, nl + 1);
      if (!continued) break;
      nl = block.find('\n');
    }
    if (block.find("...") != std::string::npos) continue;  // an excerpt
    std::vector<std::string> args;
    std::istringstream words(command);
    for (std::string w; words >> w;) args.push_back(w);
    SCOPED_TRACE("iamlint " + command);
    testing::RunResult r = testing::RunInProcess(args);
    EXPECT_EQ(r.out, block) << "a README example is stale: paste the real output";
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

}  // namespace
}  // namespace iamlint
