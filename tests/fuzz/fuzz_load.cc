// libFuzzer targets for the loaders: the whole pipeline (Lint: recognise, load, link, rules,
// settings, fingerprints, suppressions; then every reporter) on arbitrary bytes. One source,
// several targets (tests/fuzz/CMakeLists.txt): each forces one input kind (IAMLINT_FUZZ_KIND), so
// that its loader is reached even by inputs that detection would send elsewhere; fuzz_load leaves
// the kind to detection.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "lint/lint.h"
#include "report/report.h"

#ifndef IAMLINT_FUZZ_KIND
#define IAMLINT_FUZZ_KIND kUnknown
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  iamlint::LintRequest request;
  request.force = iamlint::InputKind::IAMLINT_FUZZ_KIND;
  request.today = "2026-01-01";
  std::string bytes(reinterpret_cast<const char*>(data), size);
  // Two inputs: the bytes alone, and beside a copy (CLI dumps merge across files; the same
  // role or app twice must link without surprises). JSON or YAML is told by content.
  request.buffers = {{"a/input.json", bytes}, {"b/input.json", bytes}};
  const iamlint::LintReport lint = iamlint::Lint(request);
  const iamlint::Report& report = lint.report;
  // The loaders' and rules' exception barriers turn a defect into an input error or a rule
  // failure: to the fuzzer it is a crash all the same.
  for (const auto& e : report.errors) {
    if (e.message.find("internal error") != std::string::npos) {
      std::fprintf(stderr, "loader exception: %s\n", e.message.c_str());
      std::abort();
    }
  }
  if (!lint.rule_failures.empty()) {
    std::fprintf(stderr, "rule exception: %s\n", lint.rule_failures[0].message.c_str());
    std::abort();
  }
  // Every format, and the output-injection invariants of the two read by terminals and CI
  // runners: plain text has no control byte but its newlines; every line of the github format
  // is one workflow command.
  std::ostringstream text;
  iamlint::WriteText(report, text, false);
  for (unsigned char c : text.str()) {
    if (c < 0x20 && c != '\n') {
      std::fprintf(stderr, "control byte 0x%02x in the text report\n", c);
      std::abort();
    }
  }
  std::ostringstream github;
  iamlint::WriteGithub(report, github);
  std::istringstream lines(github.str());
  bool summary_seen = false;  // the closing "iamlint: N files checked..." line, once, last
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    if (summary_seen) {
      std::fprintf(stderr, "github line after the summary: %s\n", line.c_str());
      std::abort();
    }
    if (line.rfind("iamlint: ", 0) == 0) {
      summary_seen = true;
      continue;
    }
    bool command = false;
    for (const std::string kind : {"::error", "::warning", "::notice"}) {
      command = command || (line.rfind(kind, 0) == 0 && line.size() > kind.size() &&
                            (line[kind.size()] == ' ' || line[kind.size()] == ':'));
    }
    if (!command) {
      std::fprintf(stderr, "github line that is not a workflow command: %s\n", line.c_str());
      std::abort();
    }
  }
  std::ostringstream other;
  iamlint::WriteJson(report, other);
  iamlint::WriteSarif(report, other, iamlint::ReportOptions());
  iamlint::WriteJunit(report, other);
  iamlint::WriteMarkdown(report, other);
  iamlint::WriteGitlab(report, other, iamlint::ReportOptions());
  return 0;
}
