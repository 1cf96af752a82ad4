// The progress line: its text, and when it shows -- under a pseudo-terminal (util-linux
// `script`), with standard error a terminal; never in CI, with --quiet, or into a pipe.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "cli/progress_line.h"
#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

TEST(ProgressLine, TextCountsFilesAndBytesAndFitsTheTerminal) {
  LoadProgress p;
  p.SetTotal(340, uint64_t{5} << 30);
  for (int i = 0; i < 12; ++i) p.Done(uint64_t{100} << 20);
  p.Start("envs/prod/network/plan.json");
  EXPECT_EQ(ProgressLine::Text(p, 200),
            "iamlint: 12/340 files, 1.2 GB of 5.0 GB: envs/prod/network/plan.json");
  const std::string narrow = ProgressLine::Text(p, 40);
  EXPECT_LE(narrow.size(), 39U) << narrow;
  EXPECT_NE(narrow.find("..."), std::string::npos) << narrow;
  EXPECT_NE(narrow.find("plan.json"), std::string::npos) << "the path's end is kept: " << narrow;
  // A file name is input text: nothing in it reaches the terminal as a control character.
  p.Start("evil\x1b]8;;https://x\x07name\r\n.json");
  const std::string hostile = ProgressLine::Text(p, 200);
  for (unsigned char c : hostile) EXPECT_GE(c, 0x20) << hostile;
}

class ProgressUnderATerminal : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v script >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "util-linux `script` is not installed: no pseudo-terminal to test with";
    }
    dir_ = fs::temp_directory_path() / ("iamlint_progress_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "plans");
    const std::string plan =
        testing::ReadText(testing::SourcePath("fixtures/plans/seed-after.plan.json"));
    for (int i = 0; i < 300; ++i) {  // long enough for a redraw or two
      std::ofstream(dir_ / "plans" / ("p" + std::to_string(i) + ".json")) << plan;
    }
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  /// What a terminal would show of `iamlint check PLANS ARGS` (its standard output goes to
  /// /dev/null, so only standard error is on the terminal). `env` is put before the command.
  std::string Terminal(const std::string& env, const std::string& args,
                       const std::string& stderr_to = "") {
    const std::string typescript = (dir_ / "typescript").string();
    const std::string inner = testing::ShellQuote(IAMLINT_BINARY) + " check " +
                              testing::ShellQuote((dir_ / "plans").string()) + " " + args +
                              " >/dev/null" + stderr_to;
    const std::string cmd = "env -u CI " + env + " script -qec " + testing::ShellQuote(inner) +
                            " " + testing::ShellQuote(typescript) + " >/dev/null 2>&1";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return testing::ReadText(typescript);
  }
  fs::path dir_;
};

TEST_F(ProgressUnderATerminal, ShowsOneSelfOverwritingLineAndClearsIt) {
  const std::string screen = Terminal("IAMLINT_PROGRESS_AFTER_MS=0", "");
  const size_t line = screen.find("\r\x1b[Kiamlint: ");
  ASSERT_NE(line, std::string::npos) << screen;
  EXPECT_NE(screen.find("/300 files, ", line), std::string::npos) << screen;
  // Cleared before the run ends: the last thing drawn is the erase, not a progress line.
  const size_t last_clear = screen.rfind("\r\x1b[K");
  EXPECT_GT(last_clear, line);
  EXPECT_EQ(screen.find("iamlint: ", last_clear), std::string::npos) << screen;
}

TEST_F(ProgressUnderATerminal, NeverInCiWithQuietIntoAPipeOrOnAShortRun) {
  EXPECT_EQ(Terminal("CI=true IAMLINT_PROGRESS_AFTER_MS=0", "").find("files, "), std::string::npos);
  EXPECT_EQ(Terminal("IAMLINT_PROGRESS_AFTER_MS=0", "--quiet").find("files, "), std::string::npos);
  EXPECT_EQ(Terminal("IAMLINT_PROGRESS_AFTER_MS=0", "", " 2>/dev/null").find("files, "),
            std::string::npos);
  // A run shorter than the delay shows nothing (a minute: longer than this run under any
  // build, the sanitized one included); the default delay is a second.
  EXPECT_EQ(Terminal("IAMLINT_PROGRESS_AFTER_MS=60000", "").find("files, "), std::string::npos);
  unsetenv("IAMLINT_PROGRESS_AFTER_MS");
  EXPECT_EQ(ProgressLine::Delay(), std::chrono::milliseconds(1000));
}

}  // namespace
}  // namespace iamlint
