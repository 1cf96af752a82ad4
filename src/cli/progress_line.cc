#include "cli/progress_line.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "report/sanitize.h"

namespace iamlint {
namespace {

std::string Bytes(uint64_t n) {
  char buf[32];
  if (n >= (uint64_t{1} << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(n) / (1 << 30));
  } else if (n >= (uint64_t{1} << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / (1 << 20));
  } else {
    std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(n) / 1024);
  }
  return buf;
}

}  // namespace

ProgressLine::ProgressLine(const LoadProgress* progress, std::ostream* err, size_t columns,
                           std::chrono::milliseconds after)
    : progress_(progress), err_(err), columns_(columns), after_(after) {
  thread_ = std::thread([this] { Run(); });
}

ProgressLine::~ProgressLine() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (drawn_) *err_ << "\r\x1b[K" << std::flush;
}

std::string ProgressLine::Text(const LoadProgress& progress, size_t columns) {
  std::string line = "iamlint: " + std::to_string(progress.files_done()) + "/" +
                     std::to_string(progress.files_total()) + " files, " +
                     Bytes(progress.bytes_done()) + " of " + Bytes(progress.bytes_total());
  const std::string current = Visible(progress.current());
  if (!current.empty()) line += ": " + current;
  // One line: never wider than the terminal (a wrapped line cannot be overwritten). The path
  // keeps its end, the part that tells files apart.
  if (columns > 1 && line.size() > columns - 1) {
    const size_t keep = columns - 1;
    const size_t head = std::min(line.size(), keep / 2);
    const size_t tail = keep > head + 3 ? keep - head - 3 : 0;
    line = line.substr(0, head) + "..." + line.substr(line.size() - tail);
    // Cutting may split a UTF-8 sequence: make it whole again.
    line = ValidUtf8(line);
  }
  return line;
}

bool ProgressLine::Wanted(bool quiet) {
  if (quiet || isatty(STDERR_FILENO) == 0) return false;
  const char* ci = std::getenv("CI");
  return ci == nullptr || *ci == '\0';
}

size_t ProgressLine::TerminalColumns() {
  struct winsize ws {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::chrono::milliseconds ProgressLine::Delay() {
  const char* env = std::getenv("IAMLINT_PROGRESS_AFTER_MS");
  if (env != nullptr && *env != '\0') {
    char* end = nullptr;
    const long ms = std::strtol(env, &end, 10);
    if (end != nullptr && *end == '\0' && ms >= 0) return std::chrono::milliseconds(ms);
  }
  return std::chrono::milliseconds(1000);
}

void ProgressLine::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (wake_.wait_for(lock, after_, [this] { return stop_; })) return;
  for (;;) {
    // Nothing to show while the inputs are still being listed; then a redraw every 100 ms.
    const bool listed = progress_->files_total() > 0;
    if (listed) {
      *err_ << "\r\x1b[K" << Text(*progress_, columns_) << std::flush;
      drawn_ = true;
    }
    const auto tick = std::chrono::milliseconds(listed ? 100 : 10);
    if (wake_.wait_for(lock, tick, [this] { return stop_; })) return;
  }
}

}  // namespace iamlint
