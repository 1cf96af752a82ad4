// libFuzzer target: the whole pipeline (recognise, load, link, rules, reporters) on arbitrary
// bytes. The first byte picks the input kind to force (or detection), so that every loader is
// reached even by inputs that detection would send elsewhere.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "load/load.h"
#include "report/report.h"
#include "rules/rule.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const iamlint::InputKind kKinds[] = {
      iamlint::InputKind::kUnknown, iamlint::InputKind::kTerraformPlan,
      iamlint::InputKind::kAwsCli, iamlint::InputKind::kPolicy};
  iamlint::LoadOptions options;
  options.force = kKinds[data[0] % 4];
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  // Two inputs: the bytes alone, and beside a copy (CLI dumps merge across files).
  iamlint::LoadResult loaded = iamlint::LoadBuffers({{"a.json", bytes}, {"b.json", bytes}}, options);
  iamlint::Report report;
  report.findings = iamlint::RunRules(loaded.model);
  report.errors = loaded.errors;
  std::ostringstream out;
  iamlint::WriteText(report, out, false);
  iamlint::WriteJson(report, out);
  return 0;
}
