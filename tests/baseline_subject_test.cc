// A baseline accepts a finding about one thing in a list (an environment variable), not
// whatever later sits at its place in the list (issue 11: a new secret that replaced an
// accepted one was hidden, because fingerprints leave array indices out).
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

std::string Template(const std::string& name, const std::string& value) {
  return R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebApp:
    Type: AWS::Amplify::App
    Properties:
      Name: my-app
      Platform: WEB_COMPUTE
      EnvironmentVariables:
        - Name: NEXT_PUBLIC_SITE
          Value: https://example.com
        - Name: )" +
         name + R"(
          Value: ")" +
         value + R"("
)";
}

TEST(BaselineSubject, ANewSecretInTheListPlaceOfAnAcceptedOneIsNew) {
  const fs::path dir = fs::temp_directory_path() / ("iamlint_bsubj_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string app = (dir / "app.yaml").string();
  const std::string baseline = (dir / "baseline.json").string();
  std::ofstream(app) << Template("LEGACY_AWS_ACCESS_KEY_ID", "AKIAQ3EGRP5WJDKNXZ7A");
  testing::RunResult b = testing::RunInProcess({"baseline", "--no-config", "-o", baseline, app});
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  // Accepted: the same run passes against it.
  testing::RunResult same =
      testing::RunInProcess({"check", "--no-config", "--baseline", baseline, app});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  // The accepted key is gone; another variable at the same index holds a new secret.
  std::ofstream(app, std::ios::trunc)
      << Template("DEPLOY_SECRET_ACCESS_KEY", "q9Zt1XbL4mNv8RkP2sWy6HcJ0dGf3AeT5uVi7YoK");
  testing::RunResult next = testing::RunInProcess(
      {"check", "--no-config", "--format", "json", "--baseline", baseline, app});
  EXPECT_EQ(next.exit_code, 1) << next.out << next.err;
  nlohmann::json j = nlohmann::json::parse(next.out);
  bool reported = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] == "AMP004" &&
        f["message"].get<std::string>().find("DEPLOY_SECRET_ACCESS_KEY") != std::string::npos) {
      reported = true;
    }
    EXPECT_EQ(f["message"].get<std::string>().find("q9Zt1XbL4m"), std::string::npos)
        << "a secret printed back";
  }
  EXPECT_TRUE(reported) << j.dump(1);
  EXPECT_EQ(j["baseline"]["absent"].size(), 1U) << j.dump(1);  // the accepted one is gone
  fs::remove_all(dir);
}

}  // namespace
}  // namespace iamlint
