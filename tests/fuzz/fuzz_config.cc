// libFuzzer target: the .iamlint.yaml reader on arbitrary bytes (a pull request can change the
// configuration as easily as a plan). Accepted or refused, never a crash or a hang; an accepted
// configuration then runs the pipeline (rule settings, options, suppressions) on a policy
// that has findings.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "config/config.h"
#include "lint/lint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  iamlint::LintRequest request;
  std::vector<iamlint::LoadError> errors;
  if (!iamlint::ParseConfig(text, ".iamlint.yaml", &request.config, &errors)) return 0;
  const std::string name = "envs/dev/policy.json";
  if (!iamlint::ConfigAcceptsFile(request.config, name)) return 0;
  request.today = "2026-01-01";
  request.buffers = {{name, R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})"}};
  const iamlint::LintReport lint = iamlint::Lint(request);
  if (!lint.report.errors.empty()) {
    std::fprintf(stderr, "the fixed policy failed: %s\n", lint.report.errors[0].message.c_str());
    std::abort();
  }
  return 0;
}
