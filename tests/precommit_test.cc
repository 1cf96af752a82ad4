// The pre-commit hook (.pre-commit-hooks.yaml) through the real `pre-commit` tool (Debian
// package pre-commit), in a throwaway git repository: a commit of the seed's broken plan is
// refused with the findings shown, the fixed one passes, other JSON files are left alone.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

struct Shell {
  int code;
  std::string out;
};

Shell RunShell(const std::string& cmd) {
  Shell s{-1, ""};
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return s;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) s.out.append(buf, n);
  int status = pclose(p);
  s.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return s;
}

TEST(PreCommit, RefusesTheBrokenPlanAndPassesTheFixedOne) {
  if (RunShell("command -v pre-commit && command -v git").code != 0) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") FAIL() << "pre-commit is not installed";
    GTEST_SKIP() << "pre-commit (Debian package) or git is not installed: skipped";
  }
  if (!fs::exists(testing::SourcePath(".git"))) {
    GTEST_SKIP() << "the project is not a git checkout: pre-commit try-repo needs one";
  }
  fs::path dir = fs::temp_directory_path() / ("iamlint_precommit_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "repo");
  const std::string repo = (dir / "repo").string();
  fs::copy_file(testing::SourcePath("fixtures/plans/seed-before.plan.json"),
                dir / "repo" / "plan.json");
  std::ofstream(dir / "repo" / "package.json") << R"({"name": "web", "version": "1.0.0"})";
  const std::string env =
      "cd " + testing::ShellQuote(repo) +
      " && export PATH=" + testing::ShellQuote(fs::path(IAMLINT_BINARY).parent_path().string()) +
      ":$PATH" + " PRE_COMMIT_HOME=" + testing::ShellQuote((dir / "cache").string()) +
      " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t" +
      " GIT_COMMITTER_EMAIL=t@example.com && git init -q . && git add plan.json package.json && ";
  const std::string hook = "pre-commit try-repo " + testing::ShellQuote(testing::SourceDir()) +
                           " iamlint --files plan.json package.json";
  Shell broken = RunShell(env + hook);
  EXPECT_EQ(broken.code, 1) << broken.out;
  EXPECT_NE(broken.out.find("error AMP001"), std::string::npos) << broken.out;
  EXPECT_NE(broken.out.find("error AMP002"), std::string::npos) << broken.out;
  fs::copy_file(testing::SourcePath("fixtures/plans/seed-after.plan.json"),
                dir / "repo" / "plan.json", fs::copy_options::overwrite_existing);
  Shell fixed = RunShell(env + hook);
  EXPECT_EQ(fixed.code, 0) << fixed.out;
  fs::remove_all(dir);
}

// A Terraform repository without plans: the hook runs on the committed .tf files and scans
// their folder once as a root module (one report, not one per file).
TEST(PreCommit, ChecksTerraformSourceFolderByFolder) {
  if (RunShell("command -v pre-commit && command -v git").code != 0) {
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") FAIL() << "pre-commit is not installed";
    GTEST_SKIP() << "pre-commit (Debian package) or git is not installed: skipped";
  }
  if (!fs::exists(testing::SourcePath(".git"))) {
    GTEST_SKIP() << "the project is not a git checkout: pre-commit try-repo needs one";
  }
  fs::path dir = fs::temp_directory_path() / ("iamlint_precommit_tf_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "repo" / "infra");
  const std::string repo = (dir / "repo").string();
  fs::copy_file(testing::SourcePath("fixtures/tf/seed-before/main.tf"),
                dir / "repo" / "infra" / "main.tf");
  std::ofstream(dir / "repo" / "infra" / "versions.tf")
      << "terraform {\n  required_version = \">= 1.5\"\n}\n";
  const std::string env =
      "cd " + testing::ShellQuote(repo) +
      " && export PATH=" + testing::ShellQuote(fs::path(IAMLINT_BINARY).parent_path().string()) +
      ":$PATH" + " PRE_COMMIT_HOME=" + testing::ShellQuote((dir / "cache").string()) +
      " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t" +
      " GIT_COMMITTER_EMAIL=t@example.com && git init -q . && git add infra && ";
  const std::string hook = "pre-commit try-repo " + testing::ShellQuote(testing::SourceDir()) +
                           " iamlint --files infra/main.tf infra/versions.tf";
  Shell broken = RunShell(env + hook);
  EXPECT_EQ(broken.code, 1) << broken.out;
  const size_t first = broken.out.find("error AMP001");
  ASSERT_NE(first, std::string::npos) << broken.out;
  EXPECT_EQ(broken.out.find("error AMP001", first + 1), std::string::npos)
      << "the folder was scanned more than once:\n"
      << broken.out;
  EXPECT_NE(broken.out.find("infra/main.tf:"), std::string::npos) << broken.out;
  fs::copy_file(testing::SourcePath("fixtures/tf/seed-after/main.tf"),
                dir / "repo" / "infra" / "main.tf", fs::copy_options::overwrite_existing);
  Shell fixed = RunShell(env + hook);
  EXPECT_EQ(fixed.code, 0) << fixed.out;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace iamlint
