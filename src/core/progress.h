// How far a long run has got: the loader counts files and bytes as it reads them, and the
// command line shows that on a terminal (cli/progress_line.h). Safe to update from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

namespace iamlint {

class LoadProgress {
 public:
  /// The work ahead, once the inputs are listed.
  void SetTotal(size_t files, uint64_t bytes) {
    files_total_ = files;
    bytes_total_ = bytes;
  }
  /// A file is being read.
  void Start(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    current_ = path;
  }
  /// A file of `bytes` bytes is done.
  void Done(uint64_t bytes) {
    bytes_done_ += bytes;
    ++files_done_;
  }

  size_t files_total() const { return files_total_; }
  size_t files_done() const { return files_done_; }
  uint64_t bytes_total() const { return bytes_total_; }
  uint64_t bytes_done() const { return bytes_done_; }
  std::string current() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
  }

 private:
  std::atomic<size_t> files_total_{0};
  std::atomic<size_t> files_done_{0};
  std::atomic<uint64_t> bytes_total_{0};
  std::atomic<uint64_t> bytes_done_{0};
  mutable std::mutex mutex_;
  std::string current_;
};

}  // namespace iamlint
