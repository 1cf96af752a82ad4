// The command line: parsing arguments, running the pipeline (lint/lint.h) or another
// subcommand, writing the reports and choosing the exit code. RunCli is a plain function, so
// tests run the command line in-process (tests/test_util.h: RunInProcess).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace iamlint {

/// Exit codes (a contract): 0 clean, 1 findings at or above --fail-on, 2 usage or input error.
enum ExitCode { kExitOk = 0, kExitFindings = 1, kExitError = 2 };

/// Runs `iamlint ARGS...` (args exclude the program name) writing to out/err.
/// `color` enables ANSI colour in text output.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool color);
/// main(): decides colour from the terminal and NO_COLOR.
int RunCli(int argc, char** argv);

}  // namespace iamlint
