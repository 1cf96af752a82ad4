// Exceptions never end a run: a loader's or a rule's exception is an input error (exit 2);
// files iamlint reads besides its inputs are regular files under a limit; a folder walk
// reports what it cannot read.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/guard.h"
#include "core/read_file.h"
#include "rules/rule.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

TEST(Guarded, TurnsEveryExceptionIntoAMessage) {
  EXPECT_EQ(Guarded([] {}), "");
  EXPECT_EQ(Guarded([] { throw std::out_of_range("stoul"); }), "stoul");
  EXPECT_EQ(Guarded([] { throw std::bad_alloc(); }), "out of memory");
  EXPECT_EQ(Guarded([] { throw 42; }), "unknown exception");
}

void ThrowingRule(const Scope& /*scope*/, Findings& /*out*/) { throw std::runtime_error("boom"); }
const RuleInfo kThrows{.id = "T001", .name = "throws", .severity = Severity::kError};
const RuleInfo kQuiet{.id = "T002", .name = "quiet", .severity = Severity::kWarning};
void QuietRule(const Scope& scope, Findings& out) {
  Location loc{scope.name, "", 1};
  out.Add(kQuiet, {.resource = "res", .loc = loc, .message = "a finding"});
}

TEST(RunRules, ARuleThatThrowsIsAFailureAndTheOthersStillRun) {
  Model m;
  m.scopes.emplace_back();
  m.scopes.back().name = "plan.json";
  std::vector<RuleFailure> failures;
  auto findings = internal::RunRuleList({{&kThrows, ThrowingRule}, {&kQuiet, QuietRule}}, m,
                                        RuleOptions(), &failures);
  ASSERT_EQ(failures.size(), 1U);
  EXPECT_EQ(failures[0].file, "plan.json");
  EXPECT_NE(failures[0].message.find("T001"), std::string::npos);
  EXPECT_NE(failures[0].message.find("boom"), std::string::npos);
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].rule, "T002");
  // Without a place for failures, the exception propagates (fuzz targets want it).
  EXPECT_THROW(internal::RunRuleList({{&kThrows, ThrowingRule}}, m, RuleOptions(), nullptr),
               std::runtime_error);
}

class ReadFiles : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = testing::ScratchDir("barrier"); }
  void TearDown() override {
    std::error_code ec;
    for (auto& e : fs::recursive_directory_iterator(dir_, ec)) {
      fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& content) {
    fs::create_directories((dir_ / name).parent_path());
    std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  fs::path dir_;
};

TEST_F(ReadFiles, ReadRegularFileRefusesDevicesFifosAndOversize) {
  std::string text;
  std::string why;
  EXPECT_TRUE(ReadRegularFile(Write("a.txt", "hello"), 5, &text, &why)) << why;
  EXPECT_EQ(text, "hello");
  EXPECT_FALSE(ReadRegularFile(Write("b.txt", "hello!"), 5, &text, &why));
  EXPECT_NE(why.find("larger than the 5 bytes limit"), std::string::npos) << why;
  EXPECT_FALSE(ReadRegularFile("/dev/zero", 1 << 20, &text, &why));  // would read forever
  EXPECT_NE(why.find("not a regular file"), std::string::npos) << why;
  const std::string fifo = (dir_ / "fifo").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(ReadRegularFile(fifo, 1 << 20, &text, &why));  // would block
  EXPECT_NE(why.find("not a regular file"), std::string::npos) << why;
  EXPECT_FALSE(ReadRegularFile((dir_ / "missing").string(), 10, &text, &why));
  EXPECT_NE(why.find("cannot"), std::string::npos) << why;
}

/// Runs check with `args` and expects exit 2 with an error naming `file`.
void ExpectErrorOn(const std::vector<std::string>& args, const std::string& file,
                   const std::string& says, const std::string& launcher = "") {
  testing::RunResult r = testing::RunIamlint(args, testing::SourceDir(), launcher);
  EXPECT_EQ(r.signal, 0) << "crashed";
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out << r.err;
  bool found = false;
  for (const auto& e : j["errors"]) {
    if (e["file"] == file && e["message"].get<std::string>().find(says) != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "no error on " << file << " saying " << says << ":\n" << j.dump(1);
}

TEST_F(ReadFiles, BaselineThatIsADeviceOrFifoIsAnErrorNotAHang) {
  const std::string plan = testing::SourcePath("fixtures/plans/seed-after.plan.json");
  ExpectErrorOn({"check", "--format", "json", "--baseline", "/dev/zero", plan}, "/dev/zero",
                "not a regular file");
  const std::string fifo = (dir_ / "baseline.json").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ExpectErrorOn({"check", "--format", "json", "--baseline", fifo, plan}, fifo,
                "not a regular file");
}

TEST_F(ReadFiles, ConfigThatIsAFifoIsAnErrorNotAHang) {
  const std::string plan = testing::SourcePath("fixtures/plans/seed-after.plan.json");
  const std::string fifo = (dir_ / ".iamlint.yaml").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ExpectErrorOn({"check", "--format", "json", "--config", fifo, plan}, fifo, "not a regular file");
}

TEST_F(ReadFiles, TfSourceThatIsAFifoIsNotReadForMapping) {
  // --tf-dir with a FIFO named like a .tf file: the mapping skips it instead of blocking.
  const std::string plan = testing::SourcePath("fixtures/plans/seed-before.plan.json");
  ASSERT_EQ(mkfifo((dir_ / "main.tf").c_str(), 0600), 0);
  testing::RunResult r =
      testing::RunIamlint({"check", "--format", "json", "--tf-dir", dir_.string(), plan});
  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;  // the seed's findings, from the plan
}

/// The command prefix that runs iamlint as nobody, or "" when the suite does not run as root
/// (then permissions already apply), or "-" when it cannot.
std::string AsNobody() {
  if (geteuid() != 0) return "";
  const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups";
  if (testing::RunIamlint({"--version"}, testing::SourceDir(), as_nobody).exit_code != 0) {
    return "-";
  }
  return as_nobody;
}

TEST_F(ReadFiles, UnreadableFilesAndFoldersInAWalkAreErrorsNotSkips) {
  const std::string launcher = AsNobody();
  if (launcher == "-") GTEST_SKIP() << "running as root and iamlint cannot be run as nobody";
  fs::permissions(dir_, fs::perms::all, fs::perm_options::add);
  Write("ok/plan.json",
        testing::ReadText(testing::SourcePath("fixtures/plans/seed-after.plan.json")));
  const std::string secret = Write("envs/prod/plan.json", "{}");
  ASSERT_EQ(chmod(secret.c_str(), 0), 0);
  const std::string locked = (dir_ / "locked").string();
  Write("locked/plan.json", "{}");
  ASSERT_EQ(chmod(locked.c_str(), 0), 0);
  for (const auto& d : {dir_, dir_ / "ok", dir_ / "envs", dir_ / "envs" / "prod"}) {
    fs::permissions(d, fs::perms::all, fs::perm_options::add);
  }
  fs::permissions(dir_ / "ok" / "plan.json", fs::perms::all, fs::perm_options::add);
  const std::vector<std::string> args = {"check", "--format", "json", dir_.string()};
  ExpectErrorOn(args, secret, "ermission", launcher);
  ExpectErrorOn(args, locked, "ermission", launcher);
}

}  // namespace
}  // namespace iamlint
