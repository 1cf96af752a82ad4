// One self-overwriting line on a terminal's standard error while a long run reads its inputs:
// files and bytes read out of the total and the file being read. Shown only after a delay
// (about a second: short runs never show it), cleared before anything else is printed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <thread>

#include "core/progress.h"

namespace iamlint {

class ProgressLine {
 public:
  /// Starts watching `progress`; draws on `err` (a terminal of `columns` columns) once `after`
  /// has passed.
  ProgressLine(const LoadProgress* progress, std::ostream* err, size_t columns,
               std::chrono::milliseconds after);
  /// Stops, and clears the line if it was drawn.
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  /// The text of the line for these counts (no escape sequences; `path` is made visible).
  static std::string Text(const LoadProgress& progress, size_t columns);

  /// Whether a run should show one: standard error is a terminal, not in CI (`CI` set), and
  /// not turned off (--quiet).
  static bool Wanted(bool quiet);
  /// The terminal's width (80 when it cannot be told), and the delay before the line shows
  /// (IAMLINT_PROGRESS_AFTER_MS, for tests; else 1000 ms).
  static size_t TerminalColumns();
  static std::chrono::milliseconds Delay();

 private:
  void Run();

  const LoadProgress* progress_;
  std::ostream* err_;
  size_t columns_;
  std::chrono::milliseconds after_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace iamlint
