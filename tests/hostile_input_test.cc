// Hostile and broken inputs through the real binary: never a crash, a hang or a silent pass;
// always exit 2 with a located message.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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
    testing::RunResult r = testing::RunIamlint({"check", "--format", "json", path});
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
  testing::RunResult r = testing::RunIamlint({"check", p});
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
  testing::RunResult r = testing::RunIamlint({"check", "--format", "json", dir_.string()});
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["summary"]["files_checked"], 1);
}

TEST_F(HostileInput, UnreadablePaths) {
  std::string file = Write("plan.json", "{}");
  // A path through a regular file cannot be opened by anyone, root included.
  ExpectLocatedError(file + "/nested.json", false);
  if (geteuid() == 0) {
    GTEST_LOG_(INFO) << "running as root: permission bits do not stop reading; the chmod 000 "
                        "case is not exercised";
    return;
  }
  ASSERT_EQ(chmod(file.c_str(), 0), 0);
  ExpectLocatedError(file, false);
}

TEST_F(HostileInput, EmptyAndWhitespaceFiles) {
  ExpectLocatedError(Write("empty.json", ""), false);
  ExpectLocatedError(Write("blank.json", " \n\t\n"), false);
}

}  // namespace
}  // namespace iamlint
