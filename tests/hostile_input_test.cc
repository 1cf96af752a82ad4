// Hostile and broken inputs through the command line (in-process; unreadable paths through the
// binary run as another user): never a crash, a hang or a silent pass; always exit 2 with a
// located message.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "load/loaders.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("iamlint_hostile_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& content) {
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  /// Runs check on `path`; expects exit 2 and one error naming the file, returns its message.
  std::string ExpectLocatedError(const std::string& path, bool want_line) {
    testing::RunResult r = testing::RunInProcess({"check", "--format", "json", path});
    EXPECT_EQ(r.signal, 0) << "crashed";
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded() || j["errors"].size() != 1) {
      ADD_FAILURE() << "expected one error:\n" << r.out;
      return "";
    }
    EXPECT_EQ(j["errors"][0]["file"], path);
    if (want_line) {
      EXPECT_TRUE(j["errors"][0]["line"].is_number()) << j.dump();
    }
    return j["errors"][0]["message"];
  }
  fs::path dir_;
};

TEST_F(HostileInput, TruncatedPlan) {
  std::string plan = testing::ReadText(testing::SourcePath("fixtures/plans/seed-before.plan.json"));
  std::string msg = ExpectLocatedError(Write("plan.json", plan.substr(0, plan.size() / 2)), true);
  EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
}

TEST_F(HostileInput, HundredThousandDeepNesting) {
  std::string deep =
      "{\"format_version\": \"1.2\", \"planned_values\": " + std::string(100000, '[') +
      std::string(100000, ']') + "}";
  std::string msg = ExpectLocatedError(Write("deep.json", deep), true);
  EXPECT_NE(msg.find("nesting"), std::string::npos) << msg;
  std::string yaml = "Statement: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  ExpectLocatedError(Write("deep.yaml", yaml), true);
}

// A Terraform folder whose main.tf nests 100k deep, on each recursive path of the HCL parser:
// through the binary (a real process with its real stack) and in-process, exit 2 and one
// error located in main.tf, never a crash.
TEST_F(HostileInput, HundredThousandDeepTerraform) {
  const size_t n = 100000;
  auto repeat = [](const std::string& s, size_t k) {
    std::string out;
    out.reserve(s.size() * k);
    for (size_t i = 0; i < k; ++i) out += s;
    return out;
  };
  const std::string exprs[] = {
      repeat("[", n) + repeat("]", n),
      repeat("(", n) + "1" + repeat(")", n),
      repeat("{a={", n) + repeat("}}", n),
      repeat("!", n) + "true",
      repeat("-", n) + "1",
      repeat("\"${", n) + "1" + repeat("}\"", n),
      repeat("[for x in ", n) + "[]" + repeat(" : x]", n),
      "<<EOF\n" + repeat("%{ if true ~}\n", n) + repeat("%{ endif ~}\n", n) + "EOF",
      repeat("\"${<<EOF\n", n / 2) + "x\n" + repeat("EOF\n}\"", n / 2),
  };
  size_t i = 0;
  for (const std::string& expr : exprs) {
    SCOPED_TRACE(expr.substr(0, 30));
    const fs::path dir = dir_ / ("deep" + std::to_string(i++));
    fs::create_directories(dir);
    const std::string main_tf = (dir / "main.tf").string();
    std::ofstream(main_tf, std::ios::binary) << "locals {\n  x = " << expr << "\n}\n";
    const std::vector<std::string> args = {"check", "--format", "json", dir.string()};
    for (const testing::RunResult& r : {testing::RunInProcess(args), testing::RunIamlint(args)}) {
      EXPECT_EQ(r.signal, 0) << "crashed";
      EXPECT_EQ(r.exit_code, 2) << r.err.substr(0, 500);
      nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << r.out.substr(0, 500);
      ASSERT_EQ(j["errors"].size(), 1u) << r.out.substr(0, 500);
      EXPECT_EQ(j["errors"][0]["file"], main_tf);
      EXPECT_TRUE(j["errors"][0]["line"].is_number());
      EXPECT_TRUE(j["errors"][0]["column"].is_number());
      EXPECT_NE(j["errors"][0]["message"].get<std::string>().find("nested too deeply"),
                std::string::npos)
          << j["errors"][0]["message"];
    }
  }
}

TEST_F(HostileInput, InvalidUtf8AndNulBytes) {
  std::string msg = ExpectLocatedError(
      Write("bad-utf8.json", "{\"Statement\": [{\"Sid\": \"caf\xC3\x28\"}]}"), true);
  EXPECT_NE(msg.find("UTF-8"), std::string::npos) << msg;
  ExpectLocatedError(Write("nul.json", std::string("{\"Statement\": \"a\0b\"}", 21)), true);
  ExpectLocatedError(Write("nul-binary", std::string("\x7f"
                                                     "ELF\0\0\0\0",
                                                     8)),
                     false);
}

TEST_F(HostileInput, DuplicateKeysAndHugeNumbersAreRead) {
  // Valid JSON: duplicate keys (the last wins, as in most parsers) and numbers beyond double.
  std::string p = Write("dup.json",
                        R"({"Version": "2012-10-17", "Statement": [], "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Sid": "x", "Sid": "y",
     "Condition": {"NumericLessThan": {"s3:max-keys": 1e999999}}}]})");
  testing::RunResult r = testing::RunInProcess({"check", p});
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

TEST_F(HostileInput, YamlAliasBomb) {
  std::string bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? "," : "") + "*" + static_cast<char>(c - 1);
    bomb += "]\n";
  }
  std::string msg = ExpectLocatedError(Write("bomb.yaml", bomb), false);
  EXPECT_NE(msg.find("alias"), std::string::npos) << msg;
}

TEST_F(HostileInput, HugeSparseFileIsRefusedBySize) {
  std::string p = (dir_ / "huge.json").string();
  {
    std::ofstream f(p, std::ios::binary);
    f << "{";
  }
  fs::resize_file(p, (uint64_t{2} << 30));  // 2 GiB, sparse: no disk used
  std::string msg = ExpectLocatedError(p, false);
  EXPECT_NE(msg.find("limit"), std::string::npos) << msg;
}

TEST_F(HostileInput, FifoIsNotRead) {
  std::string p = (dir_ / "plan.fifo").string();
  ASSERT_EQ(mkfifo(p.c_str(), 0600), 0);
  std::string msg = ExpectLocatedError(p, false);  // would hang if it were opened and read
  EXPECT_NE(msg.find("not a regular file"), std::string::npos) << msg;
}

TEST_F(HostileInput, DirectoryLoopIsWalkedOnce) {
  fs::create_directories(dir_ / "a");
  Write("a/plan.json",
        testing::ReadText(testing::SourcePath("fixtures/plans/seed-after.plan.json")));
  fs::create_directory_symlink(dir_, dir_ / "a" / "loop");
  testing::RunResult r = testing::RunInProcess({"check", "--format", "json", dir_.string()});
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["summary"]["files_checked"], 1);
}

TEST_F(HostileInput, UnreadablePaths) {
  std::string file = Write("plan.json", "{}");
  // A path through a regular file cannot be opened by anyone, root included.
  ExpectLocatedError(file + "/nested.json", false);
  ASSERT_EQ(chmod(file.c_str(), 0), 0);
  if (geteuid() != 0) {
    ExpectLocatedError(file, false);
    return;
  }
  // Root reads files whatever their mode: run iamlint as nobody (as CI runs as root).
  const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups";
  if (testing::RunIamlint({"--version"}, testing::SourceDir(), as_nobody).exit_code != 0) {
    GTEST_SKIP() << "running as root and iamlint cannot be run as nobody (setpriv missing or "
                    "the build folder is private): the chmod 000 case is not exercised";
  }
  testing::RunResult r =
      testing::RunIamlint({"check", "--format", "json", file}, testing::SourceDir(), as_nobody);
  EXPECT_EQ(r.signal, 0) << "crashed";
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out << r.err;
  ASSERT_EQ(j["errors"].size(), 1U) << r.out;
  EXPECT_EQ(j["errors"][0]["file"], file);
  EXPECT_NE(j["errors"][0]["message"].get<std::string>().find("ermission"), std::string::npos)
      << j.dump();
}

// Big plans are memory-mapped, filtered (unread resources validated but not built) and
// validated from the middle by a second thread: defects late in a big plan, inside resources
// no rule reads, must still be exit 2 at the right line.
TEST_F(HostileInput, DefectsLateInABigPlanAreLocated) {
  nlohmann::json plan = nlohmann::json::parse(
      testing::ReadText(testing::SourcePath("fixtures/plans/seed-before.plan.json")));
  auto& resources = plan["planned_values"]["root_module"]["resources"];
  for (int i = 0; i < 12000; ++i) {
    resources.push_back({{"address", "aws_s3_bucket.logs_" + std::to_string(i)},
                         {"mode", "managed"},
                         {"type", "aws_s3_bucket"},
                         {"name", "logs_" + std::to_string(i)},
                         {"values",
                          {{"bucket", "logs-" + std::to_string(i)},
                           {"tags", {{"Team", i == 11000 ? "MARKER" : "platform"}}}}}});
  }
  const std::string text = plan.dump(1);
  ASSERT_GT(text.size(), size_t{2} << 20);
  const size_t marker = text.find("\"MARKER\"");
  ASSERT_GT(marker, text.size() / 2);  // in the part the second thread validates
  const auto line = static_cast<int>(std::count(text.begin(), text.begin() + marker, '\n') + 1);
  struct Case {
    const char* name;
    std::string replacement;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"utf8", "\"caf\xC3\x28\"", "UTF-8"},
      {"nul", std::string("\"a\0b\"", 5), "control character"},
      {"deep", std::string(5000, '[') + std::string(5000, ']'), "nesting"},
      {"bad", "MARKER", "invalid"},
  };
  for (const auto& c : cases) {
    std::string bad = text;
    bad.replace(marker, 8, c.replacement);
    testing::RunResult r = testing::RunInProcess(
        {"check", "--format", "json", Write(c.name + std::string(".json"), bad)});
    EXPECT_EQ(r.signal, 0) << c.name;
    EXPECT_EQ(r.exit_code, 2) << c.name << r.out;
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << c.name << r.out;
    ASSERT_EQ(j["errors"].size(), 1U) << c.name << r.out;
    EXPECT_EQ(j["errors"][0]["line"], line) << c.name << j.dump();
    EXPECT_NE(j["errors"][0]["message"].get<std::string>().find(c.says), std::string::npos)
        << c.name << j.dump();
  }
  // Truncated in the second half: located at the end.
  testing::RunResult r = testing::RunInProcess(
      {"check", "--format", "json", Write("cut.json", text.substr(0, marker + 3))});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("truncated"), std::string::npos) << r.out;
  // And intact, the same plan gives the seed's findings.
  r = testing::RunInProcess({"check", "--format", "json", Write("ok.json", text)});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::set<std::string> rules;
  for (const auto& f : j["findings"]) rules.insert(f["rule"]);
  EXPECT_EQ(rules, (std::set<std::string>{"AMP001", "AMP002"})) << r.out;
}

TEST_F(HostileInput, HugeStringIsRefusedByLimit) {
  // One 65 MiB string (the limit is 64 MiB) inside a policy, after a line break.
  std::string text = "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Sid\": \"";
  text.append(size_t{65} << 20, 'a');
  text += "\"}]}";
  std::string msg = ExpectLocatedError(Write("huge-string.json", text), true);
  EXPECT_NE(msg.find("string longer than"), std::string::npos) << msg;
  EXPECT_NE(msg.find("line 2"), std::string::npos) << msg;
}

// A big input is memory-mapped; should another process truncate it while it is read, the lost
// pages raise SIGBUS. That is an input error naming the file (exit 2), not a crash.
TEST_F(HostileInput, FileTruncatedWhileMappedIsAnInputError) {
  const std::string path = Write("plan.json", std::string(size_t{4} << 20, ' '));
  EXPECT_EXIT(
      {
        const int fd = open(path.c_str(), O_RDONLY);
        std::unique_ptr<FileMapping> mapping = FileMapping::Map(fd, size_t{4} << 20, path);
        if (mapping == nullptr || truncate(path.c_str(), 0) != 0) _exit(3);
        const volatile char* bytes = mapping->bytes().data();
        _exit(bytes[(size_t{4} << 20) - 1] == ' ' ? 0 : 4);
      },
      ::testing::ExitedWithCode(2), "plan.json: input error the file shrank while iamlint");
}

TEST_F(HostileInput, EmptyAndWhitespaceFiles) {
  ExpectLocatedError(Write("empty.json", ""), false);
  ExpectLocatedError(Write("blank.json", " \n\t\n"), false);
}

}  // namespace
}  // namespace iamlint
