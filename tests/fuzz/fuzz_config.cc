// libFuzzer target: the .iamlint.yaml reader on arbitrary bytes (a pull request can change the
// configuration as easily as a plan). Accepted or refused, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  iamlint::Config config;
  std::vector<iamlint::LoadError> errors;
  if (iamlint::ParseConfig(text, ".iamlint.yaml", &config, &errors)) {
    (void)iamlint::ConfigAcceptsFile(config, "envs/dev/plan.json");
  }
  return 0;
}
