// The GitHub Action (action.yml) without GitHub: its steps' `run:` scripts, read from
// action.yml, run under a simulated runner (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH,
// RUNNER_TEMP; inputs as the runner passes them, through each step's `env:`), with a release
// archive made from the built binary and served by a file:// URL instead of the download.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "test_util.h"

namespace iamlint {
namespace {

namespace fs = std::filesystem;

struct StepResult {
  int exit_code = -1;
  std::string out;
};

class Action : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::ScratchDir("action");
    fs::create_directories(dir_ / "runner-temp");
    fs::create_directories(dir_ / "release");
    fs::create_directories(dir_ / "workspace");
    action_ = YAML::LoadFile(testing::SourcePath("action.yml"));
    // The release archive, laid out as cpack -G TGZ lays it out.
    const std::string name = "iamlint-" + Version() + "-linux-x86_64";
    fs::path stage = dir_ / "stage" / name / "bin";
    fs::create_directories(stage);
    fs::copy_file(IAMLINT_BINARY, stage / "iamlint");
    archive_ = (dir_ / "release" / (name + ".tar.gz")).string();
    Shell("tar -cf - -C " + testing::ShellQuote((dir_ / "stage").string()) + " " + name +
          " | gzip -1 > " + testing::ShellQuote(archive_) + " && cd " +
          testing::ShellQuote((dir_ / "release").string()) + " && sha256sum " + name +
          ".tar.gz > " + name + ".tar.gz.sha256");
    // IAMLINT_RELEASE_DIR (set by .ci/run): the real static release archive and its .sha256.
    if (const char* release = std::getenv("IAMLINT_RELEASE_DIR"); release != nullptr) {
      const fs::path real = fs::absolute(release);
      fs::copy_file(real / (name + ".tar.gz"), archive_, fs::copy_options::overwrite_existing);
      fs::copy_file(real / (name + ".tar.gz.sha256"), archive_ + ".sha256",
                    fs::copy_options::overwrite_existing);
    }
    inputs_["download-url"] =
        "file://" + (dir_ / "release").string() + "/iamlint-{version}-linux-x86_64.tar.gz";
    inputs_["version"] = Version();
    inputs_["sarif"] = (dir_ / "out.sarif").string();  // never into the source tree
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static std::string Version() {
    std::string cmake = testing::ReadText(testing::SourcePath("CMakeLists.txt"));
    std::smatch m;
    std::regex_search(cmake, m, std::regex(R"(project\(iamlint VERSION ([0-9.]+))"));
    return m[1];
  }
  static void Shell(const std::string& cmd) { ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd; }

  /// An input's value: the one the test gives, else the action's default.
  std::string Input(const std::string& name) const {
    auto it = inputs_.find(name);
    if (it != inputs_.end()) return it->second;
    YAML::Node def = action_["inputs"][name]["default"];
    return def ? def.as<std::string>() : std::string();
  }

  /// `${{ inputs.x }}` in an env value, as the runner evaluates it.
  std::string Evaluate(const std::string& text) const {
    static const std::regex kInput(R"(\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\})");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), kInput);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      out += text.substr(last, static_cast<size_t>(it->position()) - last);
      out += Input((*it)[1]);
      last = static_cast<size_t>(it->position() + it->length());
    }
    return out + text.substr(last);
  }

  /// Runs the steps in order, as a runner does, stopping at the first that fails; returns
  /// the last step's result.
  StepResult RunSteps() {
    StepResult r;
    for (const auto& step : action_["runs"]["steps"]) {
      EXPECT_EQ(step["shell"].as<std::string>(), "bash");
      const std::string script = step["run"].as<std::string>();
      EXPECT_EQ(script.find("${{"), std::string::npos)
          << "inputs must reach the script through env, not be pasted into it:\n"
          << script;
      const std::string script_file = (dir_ / "step.sh").string();
      std::ofstream(script_file) << script;
      std::string env = "env -i PATH=" + testing::ShellQuote(Path()) +
                        " HOME=" + testing::ShellQuote(dir_.string()) +
                        " RUNNER_TEMP=" + testing::ShellQuote((dir_ / "runner-temp").string()) +
                        " GITHUB_OUTPUT=" + testing::ShellQuote((dir_ / "output").string()) +
                        " GITHUB_STEP_SUMMARY=" + testing::ShellQuote((dir_ / "summary").string()) +
                        " GITHUB_PATH=" + testing::ShellQuote((dir_ / "path").string());
      for (const auto& kv : step["env"]) {
        env += " " + kv.first.as<std::string>() + "=" +
               testing::ShellQuote(Evaluate(kv.second.as<std::string>()));
      }
      const std::string cmd = "cd " + testing::ShellQuote(workspace_) + " && " + env +
                              " bash --noprofile --norc -e -o pipefail " +
                              testing::ShellQuote(script_file) + " 2>&1";
      r = {};
      FILE* p = popen(cmd.c_str(), "r");
      char buf[4096];
      size_t n = 0;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
      int status = pclose(p);
      r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      if (r.exit_code != 0) break;
    }
    return r;
  }

  /// PATH for a step: the runner's own, after the folders earlier steps added to GITHUB_PATH.
  std::string Path() const {
    std::string path = "/usr/local/bin:/usr/bin:/bin";
    std::ifstream added(dir_ / "path");
    for (std::string line; std::getline(added, line);) path = line + ":" + path;
    return path;
  }

  std::map<std::string, std::string> Outputs() const {
    std::map<std::string, std::string> out;
    std::ifstream f(dir_ / "output");
    for (std::string line; std::getline(f, line);) {
      size_t eq = line.find('=');
      if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
  }

  fs::path dir_;
  std::string workspace_ = testing::SourceDir();
  YAML::Node action_;
  std::string archive_;
  std::map<std::string, std::string> inputs_;
};

TEST_F(Action, SeedPlanGivesAnnotationsSarifSummaryOutputsAndExitCode1) {
  inputs_["paths"] = "fixtures/plans/seed-before.plan.json";
  inputs_["sarif"] = (dir_ / "out.sarif").string();
  StepResult r = RunSteps();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("::error file=fixtures/plans/seed-before.plan.json"), std::string::npos)
      << r.out;
  auto outputs = Outputs();
  EXPECT_EQ(outputs["sarif"], (dir_ / "out.sarif").string());
  EXPECT_EQ(outputs["findings"], "2");
  const std::string sarif = testing::ReadText((dir_ / "out.sarif").string());
  EXPECT_NE(sarif.find("\"version\": \"2.1.0\""), std::string::npos) << sarif.substr(0, 300);
  const std::string summary = testing::ReadText((dir_ / "summary").string());
  EXPECT_NE(summary.find("AMP001"), std::string::npos) << summary;
}

TEST_F(Action, CleanPlanPassesWithNoFindings) {
  inputs_["paths"] = "fixtures/plans/seed-after.plan.json";
  inputs_["sarif"] = (dir_ / "out.sarif").string();
  StepResult r = RunSteps();
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(Outputs()["findings"], "0");
}

TEST_F(Action, FailOnNeverAndExtraArgsArePassed) {
  inputs_["paths"] = "fixtures/plans/seed-before.plan.json";
  inputs_["sarif"] = (dir_ / "out.sarif").string();
  inputs_["fail-on"] = "never";
  StepResult r = RunSteps();
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(Outputs()["findings"], "2");
  inputs_["fail-on"] = "";
  inputs_["args"] = "--input-format no-such-format";
  r = RunSteps();
  EXPECT_EQ(r.exit_code, 2) << r.out;
}

TEST_F(Action, AWrongChecksumIsRefusedAndNothingRuns) {
  inputs_["paths"] = "fixtures/plans/seed-before.plan.json";
  inputs_["sha256"] = std::string(64, '0');
  StepResult r = RunSteps();
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("checksum mismatch"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "output")) << "the check step must not have run";
  // A replaced archive is caught by the published .sha256 too.
  std::ofstream(archive_, std::ios::app) << "tampered";
  inputs_.erase("sha256");
  r = RunSteps();
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("checksum mismatch"), std::string::npos) << r.out;
}

TEST_F(Action, HostileInputsStayData) {
  // A version that would be shell code if pasted into the script is refused; a path with
  // shell syntax is a path (here: one that does not exist, so exit 2), never run.
  inputs_["version"] = "0.1.0; touch pwned";
  StepResult r = RunSteps();
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(fs::exists(fs::path(workspace_) / "pwned"));
  inputs_["version"] = Version();
  inputs_["paths"] = "$(touch${IFS}pwned2)";
  r = RunSteps();
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_FALSE(fs::exists(fs::path(workspace_) / "pwned2"));
}

}  // namespace
}  // namespace iamlint
