// Output safety (issue 11, classes 1, 3, 5, 6): input text is inert in every format, invalid
// UTF-8 never aborts a JSON writer, a failed write is exit 2, and output files never replace
// an input, the configuration, the baseline, a device, a FIFO or a symbolic link.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "report/report.h"
#include "report/sanitize.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;
using testing::ReadText;
using testing::RunIamlint;
using testing::RunInProcess;
using testing::RunResult;
using testing::ShellQuote;

/// Text that is live somewhere: a workflow command after a line break, a carriage return
/// starting another, terminal escapes (clear screen, an OSC-8 hyperlink, a C1 CSI), a bidi
/// override, Markdown images/HTML/mentions/references/emphasis/pipes, and invalid UTF-8.
const std::string kHostile =
    "A\n::error file=x::pwned\r::stop-commands::tok \x1b[2J \x1b]8;;https://evil\x07link"
    "\x1b]8;;\x07 \xc2\x9b"
    "31m \xe2\x80\xae ![x](https://evil) [l](https://evil) @org/team "
    "#123 <img src=x> <details> **bold** a|b ``tick`` \xff\xfe end";

Report HostileReport() {
  Report r;
  r.inputs = {"in/" + kHostile + ".json"};
  for (const auto& rule : AllRules()) r.rules.push_back({rule.info, rule.info->severity});
  Finding f;
  f.rule = "IAM001";
  f.name = FindRule("IAM001")->info->name;
  f.message = "statement " + kHostile;
  f.resource = "res " + kHostile;
  f.loc = Location{r.inputs[0], "/Statement/0/" + kHostile, 3};
  f.input = r.inputs[0];
  f.hint = "hint " + kHostile;
  f.related.push_back({"related " + kHostile, Location{"rel" + kHostile, "", 4}});
  f.fingerprint = "0123456789abcdef";
  r.findings.push_back(f);
  Finding s = f;
  s.suppressed = true;
  s.suppression_kind = "config";
  s.suppression_reason = "reason " + kHostile;
  r.findings.push_back(s);
  r.errors.push_back(LoadError{"err" + kHostile, 2, "/p" + kHostile, "error " + kHostile});
  r.notices.push_back(Notice{"cfg" + kHostile, 1, "notice " + kHostile});
  r.baseline.file = "base" + kHostile;
  Finding a = f;
  a.rule = "R" + kHostile;
  r.baseline.absent.push_back(a);
  r.files_loaded = 1;
  return r;
}

std::string Write(const std::string& format, const Report& r, bool color = false) {
  std::ostringstream out;
  ReportOptions o;
  o.color = color;
  WriteReport(format, r, out, o);
  return out.str();
}

/// No control character but the line breaks, no bidi control, valid UTF-8.
void ExpectNoControls(const std::string& out, const std::string& what) {
  for (size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    ASSERT_FALSE((c < 0x20 && c != '\n') || c == 0x7F)
        << what << ": byte " << int{c} << " at " << i << "\n"
        << out;
  }
  EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos) << what << ": C1 control";
  EXPECT_EQ(out.find("\xe2\x80\xae"), std::string::npos) << what << ": bidi override";
  EXPECT_EQ(ValidUtf8(out), out) << what << ": invalid UTF-8";
}

nlohmann::json Parse(const std::string& text) { return nlohmann::json::parse(text); }

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(OutputSafety, VisibleEscapesEveryControlAndKeepsText) {
  EXPECT_EQ(Visible("a\nb\r\t\x1b[2J\x7f"), "a\\nb\\r\\t\\x1b[2J\\x7f");
  EXPECT_EQ(Visible("\xc2\x9b\xe2\x80\xae\xe2\x81\xa6x"), "\\u009b\\u202e\\u2066x");
  EXPECT_EQ(Visible("bad \xff\xc3 caf\xc3\xa9"), "bad \\xff\\xc3 caf\xc3\xa9");
  EXPECT_EQ(Visible("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a UTF-16 surrogate
  EXPECT_EQ(ValidUtf8("a\xff"
                      "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(MarkdownCode("a`b``c", false), "```a`b``c```");
  EXPECT_EQ(MarkdownCode("`x`", false), "`` `x` ``");
  EXPECT_EQ(MarkdownCode("a|b", true), "`a\\|b`");
  EXPECT_EQ(MarkdownCode("", true), "");
}

TEST(OutputSafety, TextShowsHostileInputVisiblyInBothColourModes) {
  for (bool color : {false, true}) {
    std::string out = Write("text", HostileReport(), color);
    if (color) {
      // The reporter's own SGR codes are the only escape sequences.
      for (const char* sgr :
           {"\033[1;31m", "\033[1;33m", "\033[1;36m", "\033[1m", "\033[2m", "\033[0m"}) {
        for (size_t at; (at = out.find(sgr)) != std::string::npos;) out.erase(at, strlen(sgr));
      }
    }
    ExpectNoControls(out, color ? "text (colour)" : "text");
    EXPECT_NE(out.find("A\\n::error file=x::pwned\\r::stop-commands::tok \\x1b[2J"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("\\u202e"), std::string::npos);
    EXPECT_NE(out.find("\\xff\\xfe end"), std::string::npos);
    for (const auto& line : Lines(out)) EXPECT_NE(line.rfind("::", 0), 0u) << line;
  }
}

TEST(OutputSafety, GithubCommandsCannotBeStartedOrBrokenByInput) {
  const std::string out = Write("github", HostileReport());
  ExpectNoControls(out, "github");
  size_t commands = 0;
  for (const auto& line : Lines(out)) {
    if (line.rfind("iamlint: ", 0) == 0) continue;  // the summary
    ++commands;
    ASSERT_TRUE(line.rfind("::error ", 0) == 0 || line.rfind("::warning ", 0) == 0 ||
                line.rfind("::notice ", 0) == 0)
        << line;
    // Properties end at the first "::"; none holds an unescaped ':' or ','.
    const size_t props = line.find(' ') + 1;
    const size_t data = line.find("::", props);
    ASSERT_NE(data, std::string::npos) << line;
    for (const auto& prop : {std::string("file="), std::string("title=")}) {
      size_t at = line.find(prop, props);
      if (at == std::string::npos || at > data) continue;
      const size_t end = std::min(line.find(',', at), data);
      const std::string value = line.substr(at + prop.size(), end - at - prop.size());
      EXPECT_EQ(value.find(':'), std::string::npos) << line;
    }
  }
  EXPECT_EQ(commands, 4u) << out;  // finding, input error, notice, baseline entry
  EXPECT_NE(out.find("file=in/A\\n%3A%3Aerror file=x%3A%3Apwned"), std::string::npos) << out;
}

/// The line with every code span taken out (CommonMark: a run of N backticks up to the next
/// run of exactly N).
std::string OutsideCodeSpans(const std::string& line) {
  std::string rest;
  for (size_t i = 0; i < line.size();) {
    if (line[i] != '`') {
      rest += line[i++];
      continue;
    }
    size_t n = 0;
    while (i + n < line.size() && line[i + n] == '`') ++n;
    size_t j = i + n;
    size_t close = std::string::npos;
    while (j < line.size()) {
      if (line[j] != '`') {
        ++j;
        continue;
      }
      size_t m = 0;
      while (j + m < line.size() && line[j + m] == '`') ++m;
      if (m == n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close == std::string::npos) {
      rest += line.substr(i, n);
      i += n;
    } else {
      i = close + n;
    }
  }
  return rest;
}

TEST(OutputSafety, MarkdownInputTextIsInert) {
  const std::string out = Write("markdown", HostileReport());
  ExpectNoControls(out, "markdown");
  for (const auto& line : Lines(out)) {
    const std::string live = OutsideCodeSpans(line);
    for (const char* bad : {"<img", "![", "](", "@org", "#123", "**bold", "<details>\n", "evil"}) {
      EXPECT_EQ(live.find(bad), std::string::npos) << bad << " is live in: " << line;
    }
    if (line.rfind("| error", 0) == 0 || line.rfind("| IAM001", 0) == 0) {
      size_t pipes = 0;
      for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
      }
      EXPECT_EQ(pipes, line.rfind("| error", 0) == 0 ? 6u : 4u) << line;
    }
  }
  // The text is all there, in code spans.
  EXPECT_NE(out.find("@org/team #123 <img src=x>"), std::string::npos) << out;
}

TEST(OutputSafety, JunitIsValidXmlWithHostileInput) {
  const std::string out = Write("junit", HostileReport());
  ExpectNoControls(out, "junit");
  EXPECT_EQ(out.find("<img"), std::string::npos);
  EXPECT_NE(out.find("&lt;img src=x&gt;"), std::string::npos);
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    const fs::path file =
        fs::temp_directory_path() / ("iamlint_hostile_" + std::to_string(getpid()));
    std::ofstream(file, std::ios::binary) << out;
    EXPECT_EQ(std::system(("xmllint --noout " + ShellQuote(file.string())).c_str()), 0) << out;
    fs::remove(file);
  }
}

TEST(OutputSafety, JsonAndSarifAreValidJsonWithHostileInput) {
  for (const char* format : {"json", "sarif"}) {
    const std::string out = Write(format, HostileReport());
    nlohmann::json j;
    ASSERT_NO_THROW(j = nlohmann::json::parse(out)) << format;  // also rejects invalid UTF-8
    // Control characters are JSON escapes; the text is otherwise kept.
    EXPECT_NE(out.find("\\u001b[2J"), std::string::npos) << format;
    EXPECT_NE(out.find("@org/team #123 <img src=x>"), std::string::npos) << format;
  }
}

// --- the real binary ----------------------------------------------------------------------

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("iamlint_output_safety_" + std::to_string(getpid()) + "_" + std::to_string(++count));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  static inline int count = 0;
};

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

const char* kAdminPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";

/// A YAML policy whose Sid holds `sid` (YAML keeps bytes JSON would reject).
std::string YamlPolicy(const std::string& sid) {
  return "Version: \"2012-10-17\"\nStatement:\n  - Sid: \"" + sid +
         "\"\n    Effect: Allow\n    Action: \"*\"\n    Resource: \"*\"\n";
}

TEST(OutputSafety, HostileFileNameAndSidReachEveryFormatInertly) {
  TempDir dir;
  // A file name and a Sid with a line break, a workflow command and escapes.
  const std::string name = "p\n::error file=x::pwned\x1b[2J\x1b]8;;http:evil\x07.yaml";
  WriteFile(dir / name, YamlPolicy("S\\n::warning::sid\\e[2J @org/team ![x](https://evil)"));
  for (const auto& format : ReportFormats()) {
    RunResult r = RunInProcess({"check", ".", "--format", format}, dir.path.string());
    EXPECT_EQ(r.exit_code, 1) << format << r.err;
    if (format == "json" || format == "sarif") {
      EXPECT_NO_THROW(Parse(r.out)) << format;
      continue;
    }
    ExpectNoControls(r.out, format);
    for (const auto& line : Lines(r.out)) {
      if (format != "github") {
        EXPECT_NE(line.rfind("::", 0), 0u) << format << ": " << line;
      }
      if (format == "github") {
        EXPECT_TRUE(line.rfind("::error file=", 0) == 0 || line.rfind("iamlint: ", 0) == 0) << line;
      }
    }
    if (format == "markdown") {
      for (const auto& line : Lines(r.out)) {
        EXPECT_EQ(OutsideCodeSpans(line).find("@org"), std::string::npos) << line;
      }
    }
  }
}

TEST(OutputSafety, InvalidUtf8InFileNamesSidsAndArgumentsNeverAborts) {
  TempDir dir;
  const std::string name = "pol\xff.yaml";
  WriteFile(dir / name, YamlPolicy("S\xfe\xff"));
  WriteFile(dir / "cfn.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      RoleName: r
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}
      Policies:
        - PolicyName: p
          PolicyDocument: {Version: "2012-10-17", Statement: [{Sid: "X)"
                              "\xff"
                              R"(", Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
)");
  for (const char* format : {"json", "sarif"}) {
    RunResult r = RunInProcess({"check", name, "--format", format}, dir.path.string());
    EXPECT_EQ(r.exit_code, 1) << format << r.err;
    EXPECT_NO_THROW(Parse(r.out)) << format;
  }
  RunResult b = RunInProcess({"baseline", name, "-o", "base\xff.json"}, dir.path.string());
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NO_THROW(Parse(ReadText(dir / "base\xff.json")));
  // simulate: a Sid and an --action that are not UTF-8; a file name that is not.
  fs::rename(dir / "cfn.yaml", dir / "cfn\xff.yaml");
  for (const std::string action : {"s3:GetObject", "s3:GetObject\xfe"}) {
    RunResult s = RunInProcess({"simulate", "cfn\xff.yaml", "--principal", "r", "--action", action,
                                "--resource", "arn:aws:s3:::b/k", "--format", "json"},
                               dir.path.string());
    EXPECT_EQ(s.signal, 0) << s.err;
    EXPECT_TRUE(s.exit_code == 0 || s.exit_code == 1) << s.exit_code << s.err;
    nlohmann::json j;
    ASSERT_NO_THROW(j = nlohmann::json::parse(s.out)) << s.out;
    RunResult t = RunInProcess({"simulate", "cfn\xff.yaml", "--principal", "r", "--action", action,
                                "--resource", "arn:aws:s3:::b/k"},
                               dir.path.string());
    ExpectNoControls(t.out, "simulate text");
  }
}

/// Runs the binary with standard output redirected by `redirect` (e.g. ">/dev/full").
RunResult RunRedirected(const std::vector<std::string>& args, const std::string& cwd,
                        const std::string& redirect) {
  const std::string err =
      (fs::temp_directory_path() / ("iamlint_output_safety_err_" + std::to_string(getpid())))
          .string();
  std::string cmd = "cd " + ShellQuote(cwd) + " && " + ShellQuote(IAMLINT_BINARY);
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  cmd += " " + redirect + " 2>" + ShellQuote(err) + " </dev/null";
  RunResult r;
  const int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = ReadText(err);
  fs::remove(err);
  return r;
}

TEST(OutputSafety, AFailedWriteToStandardOutputIsExitTwo) {
  TempDir dir;
  WriteFile(dir / "admin.json", kAdminPolicy);
  WriteFile(dir / "clean.json",
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",)"
            R"("Resource":"arn:aws:s3:::b/*"}]})");
  WriteFile(dir / "cfn.yaml", R"(Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      RoleName: r
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}
)");
  const std::vector<std::vector<std::string>> commands = {
      {"check", "clean.json"},
      {"check", "admin.json", "--format", "json"},
      {"check", "clean.json", "--format", "markdown"},
      {"rules"},
      {"rules", "--markdown"},
      {"explain", "IAM001"},
      {"simulate", "cfn.yaml", "--principal", "r", "--action", "s3:GetObject", "--resource",
       "arn:aws:s3:::b/k"},
      {"baseline", "admin.json", "-o", "base.json"},
      {"--version"},
  };
  for (const auto& args : commands) {
    RunResult ok = RunRedirected(args, dir.path.string(), ">/dev/null");
    EXPECT_NE(ok.exit_code, 2) << args[0] << ": " << ok.err;
    RunResult full = RunRedirected(args, dir.path.string(), ">/dev/full");
    EXPECT_EQ(full.exit_code, 2) << args[0] << " " << args.back();
    EXPECT_NE(full.err.find("cannot write to standard output"), std::string::npos) << full.err;
  }
  // Output files: the write error is reported too.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"check", "clean.json", "-o", "/dev/full"},
        {"check", "clean.json", "--format", "sarif=/dev/full"},
        {"baseline", "admin.json", "-o", "/dev/full"}}) {
    RunResult r = RunInProcess(args, dir.path.string());
    EXPECT_EQ(r.exit_code, 2) << args.back();
    EXPECT_NE(r.err.find("cannot write /dev/full"), std::string::npos) << r.err;
  }
}

TEST(OutputSafety, OutputsNeverOverwriteInputsConfigOrBaseline) {
  TempDir dir;
  fs::create_directories(dir.path / "walk" / "sub");
  const std::string input = dir / "walk/sub/admin.json";
  WriteFile(input, kAdminPolicy);
  WriteFile(dir / "walk/README.md", "not an input");
  WriteFile(dir / ".iamlint.yaml", "fail_on: error\n");
  const std::string cwd = dir.path.string();
  ASSERT_EQ(RunInProcess({"baseline", "walk", "-o", "base.json"}, cwd).exit_code, 0);
  fs::create_symlink("walk/sub/admin.json", dir / "link-to-input");
  const std::string base = ReadText(dir / "base.json");
  struct Case {
    std::vector<std::string> args;
    std::string what;
  };
  const std::vector<Case> cases = {
      {{"check", "walk", "-o", "walk/sub/admin.json"}, "an input"},  // found in the walk
      {{"check", "walk", "--format", "sarif=walk/sub/admin.json"}, "an input"},
      {{"check", "walk", "-o", "link-to-input"}, "an input"},
      {{"baseline", "walk", "-o", "walk/sub/admin.json"}, "an input"},
      {{"check", "walk", "-o", ".iamlint.yaml"}, "the configuration file"},
      {{"baseline", "walk", "-o", ".iamlint.yaml"}, "the configuration file"},
      {{"check", "walk", "--baseline", "base.json", "-o", "base.json"}, "the baseline"},
      {{"check", "walk", "--baseline", "base.json", "--format", "json=base.json"}, "the baseline"},
  };
  for (const auto& c : cases) {
    RunResult r = RunInProcess(c.args, cwd);
    EXPECT_EQ(r.exit_code, 2) << c.args.back() << ": " << r.err;
    EXPECT_NE(r.err.find("refusing to write"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.what), std::string::npos) << r.err;
  }
  EXPECT_EQ(ReadText(input), kAdminPolicy);
  EXPECT_EQ(ReadText(dir / ".iamlint.yaml"), "fail_on: error\n");
  EXPECT_EQ(ReadText(dir / "base.json"), base);
  // A file in the walk that is no input (skipped), a previous report, may be replaced.
  RunResult r = RunInProcess({"check", "walk", "-o", "walk/README.md"}, cwd);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(ReadText(dir / "walk/README.md").find("IAM001"), std::string::npos);
  // The .tf files source mapping reads.
  fs::create_directories(dir.path / "tf");
  fs::copy_file(testing::SourcePath("fixtures/plans/seed-after.plan.json"), dir / "plan.json");
  fs::copy_file(testing::SourcePath("fixtures/tf/seed-after/main.tf"), dir / "tf/main.tf");
  const std::string tf = ReadText(dir / "tf/main.tf");
  r = RunInProcess({"check", "plan.json", "--tf-dir", "tf", "-o", "tf/main.tf"}, cwd);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("a Terraform source file"), std::string::npos) << r.err;
  EXPECT_EQ(ReadText(dir / "tf/main.tf"), tf);
  // Two outputs on one file would replace each other.
  r = RunInProcess({"check", "walk", "--format", "json=o.txt", "--format", "sarif=./o.txt"}, cwd);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("two outputs"), std::string::npos) << r.err;
  r = RunInProcess({"check", "walk", "--format", "json=/dev/null", "--format", "sarif=/dev/null"},
                   cwd);
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST(OutputSafety, OutputFilesKeepModeLinksDevicesAndFifos) {
  TempDir dir;
  WriteFile(dir / "admin.json", kAdminPolicy);
  const std::string cwd = dir.path.string();
  // A replaced report keeps its permission bits.
  WriteFile(dir / "report.txt", "old");
  fs::permissions(dir / "report.txt", fs::perms(0640));
  ASSERT_EQ(RunInProcess({"check", "admin.json", "-o", "report.txt"}, cwd).exit_code, 1);
  EXPECT_EQ(static_cast<int>(fs::status(dir / "report.txt").permissions()), 0640);
  EXPECT_NE(ReadText(dir / "report.txt").find("IAM001"), std::string::npos);
  // A symbolic link stays; the file it points at is replaced (also through a dangling link).
  fs::create_directories(dir.path / "reports");
  WriteFile(dir / "reports/r.sarif", "old");
  fs::create_symlink("reports/r.sarif", dir / "r.sarif");
  fs::create_symlink("reports/new.json", dir / "new.json");
  ASSERT_EQ(
      RunInProcess(
          {"check", "admin.json", "--format", "sarif=r.sarif", "--format", "json=new.json"}, cwd)
          .exit_code,
      1);
  EXPECT_TRUE(fs::is_symlink(dir / "r.sarif"));
  EXPECT_TRUE(fs::is_symlink(dir / "new.json"));
  EXPECT_NE(ReadText(dir / "reports/r.sarif").find("\"2.1.0\""), std::string::npos);
  EXPECT_NE(ReadText(dir / "reports/new.json").find("\"findings\""), std::string::npos);
  // A FIFO is written through, not replaced by a file.
  ASSERT_EQ(mkfifo((dir / "fifo").c_str(), 0600), 0);
  std::string from_fifo;
  std::thread reader([&] { from_fifo = ReadText(dir / "fifo"); });
  RunResult r = RunInProcess({"check", "admin.json", "-o", "fifo"}, cwd);
  reader.join();
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(fs::is_fifo(dir / "fifo"));
  EXPECT_NE(from_fifo.find("IAM001"), std::string::npos);
  // /dev/null and /dev/stdout work; /dev/stdout into a file holds the report.
  EXPECT_EQ(RunInProcess({"check", "admin.json", "-o", "/dev/null"}, cwd).exit_code, 1);
  r = RunIamlint({"check", "admin.json", "--format", "json=/dev/stdout"}, cwd);  // a real stdout
  EXPECT_NO_THROW(Parse(r.out)) << r.out;
  r = RunRedirected({"check", "admin.json", "--format", "text", "--format", "json=/dev/stdout"},
                    cwd, ">>out.txt");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string both = ReadText(dir / "out.txt");
  EXPECT_LT(both.find("IAM001"), both.find("\"findings\"")) << both;
  EXPECT_TRUE(fs::is_regular_file(dir / "out.txt"));
  // A folder is refused.
  fs::create_directories(dir.path / "folder");
  r = RunInProcess({"check", "admin.json", "-o", "folder"}, cwd);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("it is a folder"), std::string::npos) << r.err;
  // Device nodes (made in the temporary folder, as root only) stay devices.
  if (mknod((dir / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0 &&
      mknod((dir / "full").c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0) {
    EXPECT_EQ(RunInProcess({"check", "admin.json", "-o", "null"}, cwd).exit_code, 1);
    EXPECT_EQ(RunInProcess({"check", "admin.json", "-o", "full"}, cwd).exit_code, 2);
    EXPECT_TRUE(fs::is_character_file(dir / "null"));
    EXPECT_TRUE(fs::is_character_file(dir / "full"));
  }
}

}  // namespace
}  // namespace iamlint
