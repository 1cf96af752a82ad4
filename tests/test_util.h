// Helpers shared by the tests: running the command line in-process or as the real binary,
// reading files.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/cli.h"

namespace iamlint::testing {

inline std::string SourceDir() { return IAMLINT_SOURCE_DIR; }
inline std::string SourcePath(const std::string& rel) { return SourceDir() + "/" + rel; }
/// `../shared/corpus` beside the project, or "" when absent.
inline std::string CorpusDir() {
  std::filesystem::path p = std::filesystem::path(SourceDir()).parent_path() / "shared" / "corpus";
  return std::filesystem::is_directory(p) ? p.string() : std::string();
}

/// A fresh, empty folder for the running test: TEMP/iamlint_<prefix>_<pid>_<test name>.
inline std::filesystem::path ScratchDir(const std::string& prefix) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("iamlint_" + prefix + "_" + std::to_string(getpid()) + "_" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string ReadText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

/// Runs `iamlint ARGS...` in this process (RunCli) from `cwd` (default: the project root), as
/// the binary would run into pipes: no colour, no progress line, standard input unused. The
/// working folder is restored after; the command line reads no environment variable when its
/// streams are not the process's own, and keeps no state between runs.
inline RunResult RunInProcess(const std::vector<std::string>& args,
                              const std::string& cwd = SourceDir()) {
  struct WorkingFolder {
    std::filesystem::path before = std::filesystem::current_path();
    explicit WorkingFolder(const std::string& dir) { std::filesystem::current_path(dir); }
    ~WorkingFolder() { std::filesystem::current_path(before); }
  } in(cwd);
  std::ostringstream out;
  std::ostringstream err;
  RunResult r;
  r.exit_code = RunCli(args, out, err, /*color=*/false);
  r.out = out.str();
  r.err = err.str();
  return r;
}

/// Runs the built iamlint binary with `args` from `cwd` (default: the project root),
/// capturing output, for tests where the process is the point (exit status through a shell,
/// signals, real standard streams). `launcher` (a shell word list, e.g. setpriv) runs it.
inline RunResult RunIamlint(const std::vector<std::string>& args,
                            const std::string& cwd = SourceDir(),
                            const std::string& launcher = "") {
  std::string err_file =
      std::filesystem::temp_directory_path() / ("iamlint_test_err_" + std::to_string(getpid()));
  std::string cmd = "cd " + ShellQuote(cwd) + " && " + launcher + (launcher.empty() ? "" : " ") +
                    ShellQuote(IAMLINT_BINARY);
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  cmd += " 2>" + ShellQuote(err_file) + " </dev/null";
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 65536> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
    // The shell reports a signal-killed child as 128 + signal.
    if (r.exit_code > 128) {
      r.signal = r.exit_code - 128;
      r.exit_code = -1;
    }
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  r.err = ReadText(err_file);
  std::filesystem::remove(err_file);
  return r;
}

}  // namespace iamlint::testing
